"""``wget`` printing a progress bar into the build log."""

from lintkit.model import Example, Problem, rule

from ._commands import run_scripts

#: Options that silence the progress bar, and short options that take a value.
_QUIET = frozenset(
    ("--progress", "-q", "--quiet", "--no-verbose", "-o", "--output-file", "-a",
     "--append-output")
)  # fmt: skip
_TAKES_VALUE = frozenset(
    ("-o", "-a", "-O", "-P", "-e", "-t", "-T", "-U", "-w", "-i", "-B", "-Q", "-l", "-A",
     "-R", "-D", "-I", "-X", "--output-file", "--append-output", "--output-document",
     "--directory-prefix", "--user-agent", "--header", "--tries", "--timeout")
)  # fmt: skip


def _is_quiet(command) -> bool:
    if any(word.text == "-nv" for word in command.args):
        return True
    options, _ = command.options_and_operands(_TAKES_VALUE)
    return any(option in _QUIET for option, _, _ in options)


@rule(
    id="DF027",
    name="wget-progress",
    severity="info",
    summary="`wget` without `--progress` (or `-q`/`-nv`) floods the build log",
    rationale=(
        "In a non-interactive build wget's progress bar prints a line per chunk: megabytes "
        "of log for one download. Use `--progress=dot:giga`, `-nv` or `-q`."
    ),
    tags=("style",),
    aliases=("DL3047",),
    examples=(
        Example(
            bad="FROM debian:12\nRUN wget https://example.com/file.tgz\n",
            good="FROM debian:12\nRUN wget --progress=dot:giga https://example.com/file.tgz\n",
            filename="Dockerfile",
        ),
    ),
)
def check(dockerfile, ctx):
    for _, script in run_scripts(dockerfile):
        for command in script.commands_named("wget"):
            if not _is_quiet(command):
                yield Problem(command.name_word.span, "Use wget --progress=dot:giga, -nv or -q")
