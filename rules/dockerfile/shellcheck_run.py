"""ShellCheck over RUN scripts (optional: needs the shellcheck binary, e.g. from
``pip install lintkit[shellcheck]``). Each finding carries its ShellCheck code as an alias,
so ``# hadolint ignore=SC2086`` and ``--ignore SC2086`` work as they do with hadolint."""

from lintkit.model import Example, Problem, rule
from lintkit.shellcheck import check_scripts

#: Codes that make no sense for RUN scripts: variables come from ARG/ENV and the base
#: image, sourced files from the image.
EXCLUDED = ("SC2154", "SC1091")


def _dialect(instruction) -> str:
    program = instruction.shell[0].rsplit("/", 1)[-1] if instruction.shell else "sh"
    return "bash" if program in ("bash", "zsh") else "sh"


@rule(
    id="DF084",
    name="shellcheck-run",
    severity="warning",
    summary="Shell bugs in RUN scripts, reported by ShellCheck (its SC code as an alias)",
    rationale=(
        "ShellCheck finds quoting, word-splitting and portability bugs that no Dockerfile "
        "rule looks for. Optional: install `lintkit[shellcheck]` (or any shellcheck on "
        "PATH) and select this rule; without the binary it reports nothing."
    ),
    tags=("reliability",),
    enabled=False,
    examples=(
        Example(
            bad="FROM debian:12\nARG SRC=build\nRUN cp -r $SRC /app\n",
            good='FROM debian:12\nARG SRC=build\nRUN cp -r "$SRC" /app\n',
            filename="Dockerfile",
        ),
    ),
)
def check(dockerfile, ctx):
    scripts = [(i, s) for i, s in dockerfile.runs() if s.text.strip()]
    for comment in check_scripts([(s.text, _dialect(i)) for i, s in scripts], EXCLUDED):
        script = scripts[comment.script][1]
        yield Problem(script.span(comment.start, comment.end), comment.message, aliases=(comment.code,))
