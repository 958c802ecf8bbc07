"""Questions CI rules ask of parsed script lines (GitLab ``script:``, GitHub ``run:``):
the command behind ``sudo``/``env`` wrappers, remote scripts piped into a shell, and
passwords given as command-line flags."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from lintkit.shell import SHELL_INTERPRETERS, Command, Script, Word

#: Commands that run the command given as their arguments.
WRAPPERS = frozenset(("sudo", "doas", "env", "time", "nice", "nohup", "command", "exec"))
#: Options of the wrappers that take a value (``sudo -u user``).
_WRAPPER_VALUES = frozenset(("-u", "-g", "-C", "-D", "-h", "-p", "-r", "-t", "-U", "-n"))
DOWNLOADERS = frozenset(("curl", "wget"))
#: Interpreters that run a script read from standard input.
STDIN_INTERPRETERS = SHELL_INTERPRETERS | frozenset(("python", "python3", "perl", "ruby", "node", "php"))
#: Registry clients whose `login` takes a password flag, and the flags.
LOGIN_COMMANDS = {
    "docker": ("-p", "--password"),
    "podman": ("-p", "--password"),
    "buildah": ("-p", "--password"),
    "skopeo": ("-p", "--password"),
    "nerdctl": ("-p", "--password"),
    "helm": ("-p", "--password"),
    "oras": ("-p", "--password"),
    "crane": ("-p", "--password"),
}


@dataclass(frozen=True)
class Invocation:
    """What a command line really runs: the wrapped command's name and arguments."""

    name: str | None
    args: tuple[Word, ...]
    command: Command
    wrapper: Word | None = None


def unwrap(command: Command) -> Invocation:
    """``sudo -E docker login ...`` -> docker with ``login ...``."""
    name, args, wrapper = command.base_name, command.args, None
    while name in WRAPPERS and args:
        wrapper = wrapper or command.name_word
        index = 0
        while index < len(args):
            text = args[index].text
            if name == "env" and "=" in text and not text.startswith("-"):
                index += 1
            elif text.startswith("-"):
                index += 2 if text in _WRAPPER_VALUES and name in ("sudo", "doas") else 1
            else:
                break
        if index >= len(args):
            return Invocation(None, (), command, wrapper)
        head = args[index]
        name = head.value.rsplit("/", 1)[-1] if head.value else None
        args = args[index + 1 :]
    return Invocation(name, tuple(args), command, wrapper)


def invocations(script: Script) -> Iterator[Invocation]:
    for command in script.commands:
        yield unwrap(command)


def pipe_to_shell(script: Script) -> Iterator[tuple[Command, Command]]:
    """(downloader, interpreter) for ``curl URL | sh`` (any wrapper, any element order
    after the download), ``sh -c "$(curl URL)"`` and ``bash <(curl URL)``."""
    for pipeline in script.pipelines:
        download = None
        for element in pipeline.elements:
            for command in element:
                run = unwrap(command)
                if run.name in DOWNLOADERS and download is None:
                    download = command
                elif download is not None and run.name in STDIN_INTERPRETERS and _reads_stdin(run):
                    yield download, command
                    download = None
    for command in script.commands:
        run = unwrap(command)
        if run.name in SHELL_INTERPRETERS:
            for word in run.args:
                if ("$(curl" in word.raw or "$(wget" in word.raw or "<(curl" in word.raw or "<(wget" in word.raw):
                    yield command, command
                    break


def _reads_stdin(run: Invocation) -> bool:
    """The interpreter takes its script from stdin: no script file operand (``sh -s``,
    ``bash -s -- args`` and ``python -`` count as stdin)."""
    for word in run.args:
        text = word.text
        if text in ("-", "-s"):
            return True
        if text == "--":
            return True
        if text.startswith("-"):
            continue
        return False
    return True


def password_flag(run: Invocation) -> Word | None:
    """The ``-p``/``--password`` word of ``docker login`` and its kin."""
    flags = LOGIN_COMMANDS.get(run.name or "")
    if not flags or not run.args:
        return None
    operands = [w for w in run.args if not w.text.startswith("-")]
    if not operands or operands[0].text not in ("login", "registry"):
        return None
    for word in run.args:
        text = word.text
        if text in flags or any(text.startswith(f + "=") for f in flags if f.startswith("--")):
            return word
        if text.startswith("-p") and not text.startswith("--") and len(text) > 2 and "-p" in flags:
            return word
    return None
