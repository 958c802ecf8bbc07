"""``permissions:`` entries without a comment saying why they are needed."""

from lintkit.model import Example, Problem, rule
from lintkit.yamlmodel import YMap

#: Comments that are directives to a tool, not an explanation.
_DIRECTIVES = ("lintkit:", "zizmor:", "noqa", "checkov:", "hadolint ", "nosec")


@rule(
    id="GH045",
    name="document-permissions",
    severity="style",
    summary="Permission granted without a comment saying why (pedantic)",
    rationale=(
        "A scope in `permissions:` is easy to add and hard to take away later: nobody "
        "remembers which step needed `issues: write`. A short comment on the entry (or on "
        "the line above it) tells the reviewer, and the next maintainer, what would break "
        "without it. `contents: read` explains itself and is not reported."
    ),
    tags=("maintainability", "security"),
    aliases=("zizmor:undocumented-permissions",),
    enabled=False,
    examples=(
        Example(
            bad="on: push\npermissions:\n  contents: read\n  issues: write\njobs:\n  triage:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: ./triage.sh\n",
            good=(
                "on: push\npermissions:\n  contents: read\n  # triage.sh labels new issues\n  issues: write\n"
                "jobs:\n  triage:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: ./triage.sh\n"
            ),
            filename=".github/workflows/triage.yml",
        ),
    ),
)
def check(workflow, ctx):
    if workflow.is_action:
        return
    blocks = [workflow.root.get("permissions")] + [job.node.get("permissions") for job in workflow.jobs]
    for block in blocks:
        if not isinstance(block, YMap) or not block or dict(block) == {"contents": "read"}:
            continue
        for scope in block:
            if (scope, block[scope]) == ("contents", "read"):
                continue  # what checkout needs: explains itself
            if not _documented(workflow.source, block, scope):
                yield Problem(block.key_span(scope), f"`{scope}: {block[scope]}` has no comment saying what needs it")


def _documented(source, block: YMap, scope) -> bool:
    """A comment after the entry's value on its line, or on its own line right above."""
    value = block.value_span(scope)
    after = source.line_text(value.end_line)[value.end_column - 1 :]
    if _explains(after):
        return True
    above = source.line_text(block.key_span(scope).line - 1) if block.key_span(scope).line > 1 else ""
    return above.lstrip().startswith("#") and _explains(above)


def _explains(text: str) -> bool:
    text = text.strip()
    if not text.startswith("#"):
        return False
    comment = text.lstrip("#").strip().lower()
    return bool(comment) and not comment.startswith(_DIRECTIVES)
