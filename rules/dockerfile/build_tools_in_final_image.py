"""Compilers and -dev packages left in the image that runs the application."""

from lintkit.model import Example, Problem, rule

from ._commands import expanded_words, installs, run_scripts, subcommands

TOOLCHAINS = frozenset(
    ("build-essential", "gcc", "g++", "gcc-c++", "make", "cmake", "clang", "build-base",
     "musl-dev", "libc-dev", "libc6-dev", "autoconf", "automake", "libtool")
)  # fmt: skip
_REMOVALS = frozenset(
    (("apt-get", "purge"), ("apt-get", "remove"), ("apk", "del"), ("yum", "remove"),
     ("dnf", "remove"), ("apt", "purge"), ("apt", "remove"))
)  # fmt: skip


def is_build_tool(package: str) -> bool:
    name = package.split("=", 1)[0].split(">", 1)[0].split("<", 1)[0]
    return name in TOOLCHAINS or name.endswith(("-dev", "-devel"))


def _autoremoves_everything(script) -> bool:
    """The official images' pattern: `apt-mark auto '.*'` then `apt-get purge --auto-remove`
    (or `autoremove`) uninstalls whatever the RUN installed and nothing depends on."""
    marks_auto = any(
        [w.value for w in command.positionals()[:1]] == ["auto"]
        for command in script.commands_named("apt-mark")
    )
    return marks_auto and any(
        subcommand.value == "autoremove"
        or (subcommand.value == "purge" and command.has_flag("--auto-remove", "--autoremove"))
        for command, manager, subcommand in subcommands(script)
        if manager in ("apt-get", "apt")
    )


def _removed(script, install, package_word) -> bool:
    """A virtual group or the package itself removed later in the same script."""
    if install.manager in ("apt-get", "apt") and _autoremoves_everything(script):
        return True
    virtual = install.command.flag_value("--virtual", "-t", takes_value={"--virtual", "-t"})
    for command, manager, subcommand in subcommands(script):
        if (manager, subcommand.value) not in _REMOVALS:
            continue
        removed = {word.text for word in command.args}
        if (virtual and virtual in removed) or package_word.text.split("=")[0] in removed:
            return True
    return False


@rule(
    id="DF023",
    name="build-tools-in-final-image",
    severity="info",
    summary="Build tool chains (gcc, build-essential, *-dev) installed in a single-stage image",
    rationale=(
        "Compilers and headers are needed to build, not to run. Left in the image they add "
        "hundreds of megabytes and tools an attacker can use. Build in a first stage and copy "
        "the result into a slim final stage, or remove them in the same RUN (`apk add "
        "--virtual .build-deps ... && apk del .build-deps`)."
    ),
    tags=("performance", "security"),
    examples=(
        Example(
            bad="FROM ruby:3.3\nRUN apt-get update && apt-get install -y build-essential\n",
            good=(
                "FROM ruby:3.3 AS build\nRUN apt-get update && apt-get install -y build-essential\n"
                "FROM ruby:3.3-slim\nCOPY --from=build /usr/local/bundle /usr/local/bundle\n"
            ),
            filename="Dockerfile",
        ),
    ),
)
def check(dockerfile, ctx):
    if len(dockerfile.stages) != 1:
        return
    for instruction, script in run_scripts(dockerfile):
        for install in installs(script, "apt-get", "apt", "apk", "yum", "dnf", "microdnf"):
            kept = [
                (word, package)
                for word in install.packages
                for package in expanded_words(word, instruction.variables) or []
                if is_build_tool(package) and not _removed(script, install, word)
            ]
            if kept:
                names = ", ".join(package for _, package in kept[:4])
                if len(kept) > 4:
                    names += f" and {len(kept) - 4} more"
                yield Problem(
                    kept[0][0].span,
                    f"Build tools stay in the image ({names}); build in a separate stage",
                )
