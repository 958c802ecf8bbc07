"""ShellCheck over ``run:`` scripts (optional: needs the shellcheck binary, e.g. from
``pip install lintkit[shellcheck]``). Each finding carries its ShellCheck code as an alias."""

from lintkit.expressions import find_expressions
from lintkit.model import Example, Problem, rule
from lintkit.parsers.github_actions import shell_program
from lintkit.shellcheck import check_scripts

#: Codes that an expression GitHub substitutes before the shell runs would set off, or that
#: make no sense in a step: a `${{ }}` becomes a constant word here (SC2050, SC2157,
#: SC2194), variables come from `env:` (SC2154), sourced files from the checkout (SC1091).
EXCLUDED = ("SC1091", "SC2050", "SC2154", "SC2157", "SC2194")


@rule(
    id="GH047",
    name="shellcheck-run",
    severity="warning",
    summary="Shell bugs in `run:` scripts, reported by ShellCheck (its SC code as an alias)",
    rationale=(
        "ShellCheck finds quoting, word-splitting and portability bugs that no workflow rule "
        "looks for. Each `${{ }}` is checked as the constant text GitHub puts in its place. "
        "Optional: install `lintkit[shellcheck]` (or any shellcheck on PATH) and select this "
        "rule; without the binary it reports nothing."
    ),
    tags=("reliability",),
    aliases=("actionlint:shellcheck",),
    enabled=False,
    examples=(
        Example(
            bad=(
                "on: push\npermissions: {}\njobs:\n  build:\n    runs-on: ubuntu-24.04\n    steps:\n"
                "      - run: cp -r $BUILD_DIR dist/\n        env:\n          BUILD_DIR: out\n"
            ),
            good=(
                "on: push\npermissions: {}\njobs:\n  build:\n    runs-on: ubuntu-24.04\n    steps:\n"
                '      - run: cp -r "$BUILD_DIR" dist/\n        env:\n          BUILD_DIR: out\n'
            ),
            filename=".github/workflows/build.yml",
        ),
    ),
)
def check(workflow, ctx):
    scripts, texts = [], []
    for step in workflow.steps:
        script = workflow.run_script(step)
        if script is None or not script.text.strip():
            continue
        dialect = "sh" if shell_program(workflow.shell_of(step)) == "sh" else "bash"
        scripts.append(script)
        texts.append((_constant_expressions(step.node["run"]), dialect))
    for comment in check_scripts(texts, EXCLUDED):
        span = scripts[comment.script].span(comment.start, comment.end)
        yield Problem(span, comment.message, aliases=(comment.code,))


def _constant_expressions(run: str) -> str:
    """``run`` with each ``${{ }}`` replaced by underscores of its length: a constant word
    where GitHub puts the expression's value, and the same positions as the parsed script."""
    parts, last = [], 0
    for expression in find_expressions(run):
        parts += [run[last : expression.start], "_" * (expression.end - expression.start)]
        last = expression.end
    parts.append(run[last:])
    return "".join(parts)
