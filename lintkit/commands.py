"""What the commands of a script do, asked the same way by the Dockerfile (``RUN``), CI
(GitLab ``script:``, GitHub ``run:``) and Ansible (command/shell task) rules, of the
commands :mod:`lintkit.shell` parses:

* :func:`unwrap` — the command a wrapper runs (``sudo -E docker login ...`` is docker);
* :func:`pipe_to_shell` — a downloaded script run by an interpreter (``curl URL | sh``,
  ``wget -O- URL | sudo bash -s``, ``sh -c "$(curl URL)"``, ``bash <(curl URL)``);
* :func:`secret_options` — secrets passed as options (``docker login -p``,
  ``--password=x``, ``mysql -px``, ``curl -u user:x``);
* :func:`verification_bypass` — TLS or package-signature checks turned off
  (``curl -k``, ``pip --trusted-host``, ``apk --allow-untrusted``).

Each keeps what it knows in a table below, so a command learnt once is known to every
kind.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from .model import Span
from .shell import SHELL_INTERPRETERS, Command, Script, Word, split_options

# --- wrappers -----------------------------------------------------------------------

#: Commands that run the command given as their arguments -> their options that take a
#: value (``sudo -u user``, ``nice -n 5``).
WRAPPERS: dict[str, frozenset[str]] = {
    "sudo": frozenset(("-u", "-g", "-C", "-D", "-h", "-p", "-r", "-t", "-T", "-U")),
    "doas": frozenset(("-u", "-C")),
    "env": frozenset(("-u", "-C", "--unset", "--chdir")),
    "time": frozenset(("-f", "-o")),
    "nice": frozenset(("-n",)),
    "nohup": frozenset(),
    "command": frozenset(),
    "exec": frozenset(("-a",)),
}


@dataclass(frozen=True, slots=True)
class Invocation:
    """What a command line really runs: the wrapped command's name (without its
    directory), the word naming it, its arguments, and the wrapper word if any."""

    name: str | None
    name_word: Word | None
    args: tuple[Word, ...]
    command: Command
    wrapper: Word | None = None


def unwrap(command: Command) -> Invocation:
    """``sudo -E docker login ...`` -> docker with ``login ...``."""
    name, name_word, args, wrapper = command.base_name, command.name_word, command.args, None
    while name in WRAPPERS and args:
        wrapper = wrapper or command.name_word
        index = 0
        while index < len(args):
            text = args[index].text
            if name == "env" and "=" in text and not text.startswith("-"):
                index += 1
            elif text.startswith("-"):
                index += 2 if text in WRAPPERS[name] else 1
            else:
                break
        if index >= len(args):
            return Invocation(None, None, (), command, wrapper)
        name_word = args[index]
        name = name_word.value.rsplit("/", 1)[-1] if name_word.value else None
        args = args[index + 1 :]
    return Invocation(name, name_word, tuple(args), command, wrapper)


def invocations(script: Script) -> Iterator[Invocation]:
    for command in script.commands:
        yield unwrap(command)


# --- downloaded scripts run by an interpreter -----------------------------------------

DOWNLOADERS = frozenset(("curl", "wget"))
#: Interpreters that run a program read from standard input, with the options that take
#: a value and those that give the program inline (so stdin is not the program).
_INTERPRETERS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    **{shell: (frozenset(("-o", "+o", "-O", "+O", "--rcfile", "--init-file")), frozenset(("-c",))) for shell in SHELL_INTERPRETERS},
    **{python: (frozenset(("-W", "-X", "-Q")), frozenset(("-c", "-m"))) for python in ("python", "python2", "python3")},
    "perl": (frozenset(("-I", "-M", "-m", "-x")), frozenset(("-e", "-E"))),
    "ruby": (frozenset(("-I", "-r", "-C", "-E")), frozenset(("-e",))),
    "node": (frozenset(("-r", "--require", "--import")), frozenset(("-e", "--eval", "-p", "--print"))),
    "php": (frozenset(("-d", "-c", "-z")), frozenset(("-r", "-R", "-B", "-E", "-F"))),
}  # fmt: skip
#: Operands that name standard input as the program file.
_STDIN_FILES = frozenset(("-", "/dev/stdin", "/dev/fd/0", "/proc/self/fd/0"))


def reads_program_from_stdin(run: Invocation) -> bool:
    """The interpreter takes its program from standard input: no program given inline
    (``-c``, ``-e``) and no program file, or the file is stdin itself (``sh -s``,
    ``bash -s -- --yes``, ``bash /dev/stdin``, ``python3 -``)."""
    known = _INTERPRETERS.get(run.name or "")
    if known is None:
        return False
    takes_value, inline = known
    shell = run.name in SHELL_INTERPRETERS
    args = run.args
    if run.name == "busybox":
        if not args or args[0].value not in SHELL_INTERPRETERS:
            return False
        args = args[1:]
    index = 0
    while index < len(args):
        text = args[index].text
        index += 1
        if text == "--":
            # What follows are the program's arguments (`php -- --install-dir=bin`); a
            # shell takes the first as its script file.
            return not shell or index >= len(args) or args[index].text in _STDIN_FILES
        if text in _STDIN_FILES or not text.startswith(("-", "+")) or len(text) < 2:
            return text in _STDIN_FILES  # the program file
        if text in inline:
            return False
        if text in takes_value:
            index += 1
        elif shell and not text.startswith("--"):
            letters = text[1:]
            if "c" in letters:
                return False
            if "s" in letters and text[0] == "-":
                return True  # the rest are the script's arguments
            index += letters.count("o") + letters.count("O")
    return True


@dataclass(frozen=True, slots=True)
class DownloadedScript:
    """A download (``curl URL``) whose output an interpreter runs: through a pipe, or
    (``piped`` false) as a command or process substitution."""

    download: Command
    interpreter: Invocation
    piped: bool = True


def pipe_to_shell(script: Script) -> Iterator[DownloadedScript]:
    """Downloads run as programs: piped into an interpreter that reads its program from
    stdin (any wrapper, any pipeline element after the download), or given to a shell
    as a command or process substitution (``sh -c "$(curl URL)"``, ``bash <(curl URL)``)."""
    for pipeline in script.pipelines:
        download = None
        for element in pipeline.elements:
            runs = [unwrap(command) for command in element]
            if download is not None:
                interpreter = next((run for run in runs if reads_program_from_stdin(run)), None)
                if interpreter is not None:
                    yield DownloadedScript(download, interpreter)
                    download = None
                    continue
            if download is None:
                download = next((run.command for run in runs if run.name in DOWNLOADERS), None)
    for command in script.commands:
        run = unwrap(command)
        if run.name not in SHELL_INTERPRETERS:
            continue
        for word in run.args:
            download = next((c for c in script.commands_in(word) if unwrap(c).name in DOWNLOADERS), None)
            if download is not None:
                yield DownloadedScript(download, run, piped=False)
                break


# --- secrets given as options -------------------------------------------------------

#: Long options that take a secret, whatever the command.
SECRET_LONG_OPTIONS = frozenset((
    "--password", "--passwd", "--pass", "--token", "--api-key", "--apikey", "--api-token",
    "--secret", "--client-secret", "--secret-key", "--access-key", "--auth-token",
    "--registry-password", "--db-password",
))  # fmt: skip
#: Short options that take a secret: command -> (the subcommand words they belong to,
#: empty for the command itself; the options). ``docker run -p`` is a port, ``docker
#: login -p`` a password.
SECRET_SHORT_OPTIONS: dict[str, tuple[tuple[str, ...], frozenset[str]]] = {
    **{client: (("login",), frozenset(("-p",))) for client in ("docker", "podman", "nerdctl", "buildah", "skopeo", "oras")},
    "helm": (("registry", "login"), frozenset(("-p",))),
    "crane": (("auth", "login"), frozenset(("-p",))),
    "sshpass": ((), frozenset(("-p",))),
    "redis-cli": ((), frozenset(("-a",))),
    "mongo": ((), frozenset(("-p",))),
    "mongosh": ((), frozenset(("-p",))),
}  # fmt: skip
#: Commands whose ``-p`` takes the password attached (``-psecret``); a lone ``-p`` prompts.
ATTACHED_PASSWORD = frozenset(("mysql", "mysqladmin", "mysqldump", "mariadb", "mariadb-dump"))
#: Registry logins that read the password from stdin instead (``--password-stdin``).
STDIN_PASSWORD_LOGINS = frozenset(name for name, (path, _) in SECRET_SHORT_OPTIONS.items() if path and path[-1] == "login")


_SECRET_OPTION_HINTS = (*SECRET_LONG_OPTIONS, *SECRET_SHORT_OPTIONS, *ATTACHED_PASSWORD, "curl")


def may_pass_secret_options(text: str) -> bool:
    """Whether a script's text could hold a secret option at all (an option or command
    name of the tables appears in it): a cheap test before parsing it."""
    return any(hint in text for hint in _SECRET_OPTION_HINTS)


@dataclass(frozen=True, slots=True)
class SecretOption:
    """A secret passed as an option: the word naming the option (``-p``,
    ``--password=x``, ``-px``), the option as written without its value, and where the
    secret itself is."""

    word: Word
    option: str
    value: Span


def secret_options(run: Invocation) -> Iterator[SecretOption]:
    """The secrets ``run`` is given as options, in argument order."""
    args = run.args
    path, short = SECRET_SHORT_OPTIONS.get(run.name or "", ((), frozenset()))
    if path and not _has_subcommand(args, path):
        short = frozenset()
    attached = short | ({"-p"} if run.name in ATTACHED_PASSWORD else set())
    for index, word in enumerate(args):
        text = word.text
        following = args[index + 1] if index + 1 < len(args) else None
        if text.startswith("--"):
            option, equals, value = text.partition("=")
            if option not in SECRET_LONG_OPTIONS or _names_a_secret(option, value if equals else following):
                continue
            if equals and value:
                yield SecretOption(word, option, word.text_span(len(option) + 1, len(text)))
            elif not equals and following is not None:
                yield SecretOption(word, option, following.span)
        elif text in short and following is not None:
            yield SecretOption(word, text, following.span)
        elif len(text) > 2 and text[:2] in attached:
            yield SecretOption(word, text[:2], word.text_span(2, len(text)))
        elif run.name == "curl" and text in ("-u", "--user") and following is not None:
            user, colon, password = following.text.partition(":")
            if colon and password:
                yield SecretOption(word, text, following.text_span(len(user) + 1, len(following.text)))


def _names_a_secret(option: str, value: str | Word | None) -> bool:
    """``--secret id=npmrc,src=.npmrc`` (BuildKit, podman) names where a secret is kept:
    the safe way to pass one."""
    text = value.text if isinstance(value, Word) else value or ""
    return option == "--secret" and text.startswith(("id=", "src=", "source=", "env=", "type="))


def _has_subcommand(args: tuple[Word, ...], path: tuple[str, ...]) -> bool:
    """``path`` (``registry login``) among the first operands, allowing for the values of
    global options before it (``docker --config dir login``)."""
    operands = [word.text for word in args if not word.text.startswith("-")][: len(path) + 2]
    position = 0
    for text in operands:
        if text == path[position]:
            position += 1
            if position == len(path):
                return True
        elif position:
            return False
    return False


# --- verification turned off ----------------------------------------------------------

#: command -> (argument texts that turn a check off, what the check is).
_BYPASS_ARGUMENTS: dict[str, tuple[tuple[str, ...], str]] = {
    "wget": (("--no-check-certificate",), "tls"),
    "yum": (("--setopt=sslverify=0", "--setopt=sslverify=false"), "tls"),
    "dnf": (("--setopt=sslverify=0", "--setopt=sslverify=false"), "tls"),
    "npm": (("--strict-ssl=false",), "tls"),
    "yarn": (("--strict-ssl=false",), "tls"),
    "git": (("http.sslVerify=false", "http.sslverify=false"), "tls"),
}
#: Package managers: arguments (or ``prefix=`` forms) that turn signature checks off.
_UNSIGNED_ARGUMENTS: dict[str, tuple[str, ...]] = {
    "apk": ("--allow-untrusted",),
    "apt-get": ("--allow-unauthenticated", "--force-yes", "--allow-insecure-repositories"),
    "apt": ("--allow-unauthenticated", "--allow-insecure-repositories"),
    "yum": ("--nogpgcheck",),
    "dnf": ("--nogpgcheck",),
    "microdnf": ("--nogpgcheck",),
    "zypper": ("--no-gpg-checks",),
    "rpm": ("--nosignature", "--nodigest"),
}
_UNSIGNED_PREFIXES = ("--setopt=gpgcheck=0",)
#: Options that take a value: ``pip --trusted-host HOST``, ``curl -k``'s neighbours.
_TRUSTED_HOST = {"pip": "--trusted-host", "pip3": "--trusted-host"}
_CURL_TAKES_VALUE = frozenset(("-o", "-H", "-d", "-u", "-X", "-A", "-e", "-T", "-w", "-x"))
#: ``npm config set strict-ssl false``, ``git config http.sslVerify false``.
_CONFIG_SETTINGS = {"npm": "strict-ssl", "yarn": "strict-ssl", "git": "http.sslverify"}


@dataclass(frozen=True, slots=True)
class Bypass:
    """An argument that turns a check off: ``tls`` (certificates) or ``signature``
    (package signatures)."""

    word: Word
    check: str


def verification_bypass(run: Invocation) -> Iterator[Bypass]:
    """The arguments of ``run`` that turn TLS certificate or package signature checks
    off, in argument order."""
    name = run.name or ""
    if name == "curl":
        options = split_options(run.args, _CURL_TAKES_VALUE)[0]
        insecure = next((word for option, word, _ in options if option in ("-k", "--insecure")), None)
        if insecure is not None:
            yield Bypass(insecure, "tls")
        return
    tls = _BYPASS_ARGUMENTS.get(name, ((), ""))[0]
    unsigned = _UNSIGNED_ARGUMENTS.get(name, ())
    trusted_host = _TRUSTED_HOST.get(name)
    for word in run.args:
        text = word.text
        if text in tls or (trusted_host and text.split("=", 1)[0] == trusted_host):
            yield Bypass(word, "tls")
        elif unsigned and (text in unsigned or text.startswith(_UNSIGNED_PREFIXES)):
            yield Bypass(word, "signature")
    setting = _CONFIG_SETTINGS.get(name)
    if setting is not None:
        texts = [word.text.lower() for word in run.args]
        for index, text in enumerate(texts[:-1]):
            if text == setting and texts[index + 1] in ("false", "0"):
                yield Bypass(run.args[index], "tls")
                return
