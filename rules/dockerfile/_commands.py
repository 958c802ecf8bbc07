"""What the Dockerfile rules know about the commands RUN scripts call.

Package managers (which subcommand installs, which options take a value, how a package
is pinned), kept as data so the rules that share them (pinning, ``-y``, cache cleanup,
upgrades) read the same tables.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache

from lintkit.model import Edit, Fix, Span
from lintkit.parsers.dockerfile import Dockerfile, Instruction
from lintkit.shell import Command, Script, Word, split_options

#: Options that consume the next argument, per command (short and long spellings).
TAKES_VALUE = {
    "apt-get": frozenset(
        (
            "-o",
            "-c",
            "-t",
            "-a",
            "--option",
            "--config-file",
            "--target-release",
            "--host-architecture",
            "--default-release",
        )
    ),
    "apt": frozenset(("-o", "-c", "-t", "-a", "--option", "--config-file", "--target-release")),
    "apk": frozenset(
        (
            "-X",
            "-p",
            "-t",
            "--repository",
            "--root",
            "--virtual",
            "--arch",
            "--cache-dir",
            "--keys-dir",
            "--repositories-file",
            "--timeout",
        )
    ),
    "yum": frozenset(
        (
            "-c",
            "-d",
            "-e",
            "-R",
            "--config",
            "--installroot",
            "--enablerepo",
            "--disablerepo",
            "--exclude",
            "-x",
            "--releasever",
            "--setopt",
        )
    ),
    "dnf": frozenset(
        (
            "-c",
            "-d",
            "-e",
            "-R",
            "-x",
            "--config",
            "--installroot",
            "--enablerepo",
            "--disablerepo",
            "--exclude",
            "--releasever",
            "--setopt",
            "--repo",
            "--repofrompath",
        )
    ),
    "microdnf": frozenset(("--enablerepo", "--disablerepo", "--setopt", "--config")),
    "zypper": frozenset(("-r", "--repo", "-t", "--type", "--root", "-R", "-c", "--config")),
    "pip": frozenset(
        (
            "-r",
            "--requirement",
            "-c",
            "--constraint",
            "-e",
            "--editable",
            "-t",
            "--target",
            "-i",
            "--index-url",
            "--extra-index-url",
            "-f",
            "--find-links",
            "--prefix",
            "--root",
            "--trusted-host",
            "--src",
            "--upgrade-strategy",
            "--platform",
            "--python-version",
            "--implementation",
            "--abi",
            "--progress-bar",
            "--cache-dir",
            "--log",
            "--timeout",
            "--retries",
            "--proxy",
            "--cert",
            "--client-cert",
            "--global-option",
            "--install-option",
            "--config-settings",
            "-C",
            "--only-binary",
            "--no-binary",
        )
    ),
    "npm": frozenset(("--prefix", "--registry", "--cache", "-C", "--workspace", "-w")),
    "gem": frozenset(
        (
            "-v",
            "--version",
            "-i",
            "--install-dir",
            "-n",
            "--bindir",
            "--source",
            "-s",
            "--platform",
            "-P",
            "--trust-policy",
        )
    ),
    "go": frozenset(("-C", "-p", "-tags", "-ldflags", "-gcflags", "-o", "-mod")),
    "yarn": frozenset(("--cwd", "--cache-folder", "--modules-folder", "--network-timeout")),
}

_PIP_NAMES = ("pip", "pip3", "pip2")


@dataclass(frozen=True)
class Install:
    """One package-installing command: the command, its manager's name as rules know it
    (``apt-get``, ``apk``, ``pip``...), and the package arguments (words)."""

    command: Command
    manager: str
    packages: list[Word]
    #: The ``install``/``add`` word, after which a fix adds an option.
    subcommand: Word | None = None

    def add_option(self, option: str) -> Fix:
        """The fix that passes ``option`` to the install, right after its subcommand."""
        return insert_after(self.subcommand or self.command.name_word, option)


def manager_of(command: Command) -> tuple[str, list[Word]] | None:
    """Normalise ``python -m pip``/``pip3``/``/usr/bin/apt-get`` to a manager name, with
    the arguments that follow the manager's name."""
    name = command.base_name
    if name is None:
        return None
    if name in _PIP_NAMES or (name.startswith("pip3.") and name[5:].isdigit()):
        return "pip", list(command.args)
    args = command.args
    runs_pip_module = (
        name.startswith("python")
        and len(args) >= 2
        and args[0].value == "-m"
        and args[1].value in _PIP_NAMES
    )
    if runs_pip_module:
        return "pip", list(args[2:])
    if name in TAKES_VALUE:
        return name, list(command.args)
    return None


_INSTALL_SUBCOMMANDS = {
    "apt-get": ("install",),
    "apt": ("install",),
    "apk": ("add",),
    "yum": ("install",),
    "dnf": ("install",),
    "microdnf": ("install",),
    "zypper": ("install", "in"),
    "pip": ("install",),
    "npm": ("install", "i", "add"),
    "gem": ("install", "i"),
    "go": ("install", "get"),
    "yarn": ("add",),
}


@lru_cache(maxsize=256)
def package_commands(script: Script) -> tuple[tuple[Command, str, tuple[Word, ...]], ...]:
    """``(command, manager, operands)`` for every package-manager command of a script.

    Computed once per script and shared by the dozen rules that ask about package
    managers (a Script hashes by identity; the cache only holds the last few hundred).
    """
    found = []
    for command in script.commands:
        managed = manager_of(command)
        if managed is not None:
            manager, args = managed
            found.append((command, manager, tuple(split_options(args, TAKES_VALUE[manager])[1])))
    return tuple(found)


def installs(script: Script, *managers: str) -> Iterator[Install]:
    """Package installs in a script by the given managers, with their package words."""
    for command, manager, positional in package_commands(script):
        if manager not in managers or not positional:
            continue
        if positional[0].value in _INSTALL_SUBCOMMANDS[manager]:
            yield Install(command, manager, list(positional[1:]), positional[0])


def insert_after(word: Word, option: str) -> Fix:
    """The fix that writes `` option`` just after ``word``."""
    span = word.span
    point = Span(span.end_line, span.end_column, span.end_line, span.end_column)
    return Fix(f"add {option}", (Edit(point, " " + option),))


def subcommands(script: Script) -> Iterator[tuple[Command, str, Word]]:
    """``(command, manager, subcommand word)`` for each package-manager command."""
    for command, manager, positional in package_commands(script):
        if positional:
            yield command, manager, positional[0]


def expanded_words(word: Word, variables: Mapping[str, str | None]) -> list[str] | None:
    """The words an argument becomes: itself when literal, the whitespace-split value of
    an unquoted ``$VAR`` known from ARG/ENV, None when it cannot be known."""
    if word.literal:
        return [word.text]
    value = word.expand(variables)
    if value is None:
        return None
    quoted = word.raw.startswith('"')
    return [value] if quoted else value.split()


def run_scripts(dockerfile: Dockerfile) -> Iterator[tuple[Instruction, Script]]:
    """Every RUN script, ONBUILD triggers included."""
    return dockerfile.runs(triggers=True)
