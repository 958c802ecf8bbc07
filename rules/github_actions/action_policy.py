"""Actions and reusable workflows outside the team's allow-list or on its deny-list."""

from fnmatch import fnmatchcase

from lintkit.model import Example, Problem, rule

from .actions import uses_holders


@rule(
    id="GH040",
    name="action-policy",
    severity="error",
    summary="`uses:` of an action or reusable workflow the configured policy does not allow (does nothing until `allow` or `deny` is set)",
    rationale=(
        "Every action a workflow uses runs with the job's token and secrets, so many teams "
        "keep a list of the ones they have reviewed (or of ones they have banned). Set "
        "`allow` (only these) or `deny` (never these) to glob patterns of `owner/repo` or "
        "`owner/repo/path`, optionally with `@ref` (`actions/*`, `docker/login-action`, "
        "`evil/*`). Local (`./`) actions and `docker://` images are not matched."
    ),
    tags=("security",),
    aliases=("zizmor:forbidden-uses",),
    options={
        "type": "object",
        "properties": {
            "allow": {"type": "array", "items": {"type": "string"}, "default": [], "description": "Patterns of the only actions allowed (empty: no allow-list)"},
            "deny": {"type": "array", "items": {"type": "string"}, "default": [], "description": "Patterns of actions never allowed"},
        },
    },
    examples=(
        Example(
            bad="on: push\npermissions: {}\njobs:\n  build:\n    runs-on: ubuntu-24.04\n    steps:\n      - uses: someone/setup-thing@v1\n",
            good="on: push\npermissions: {}\njobs:\n  build:\n    runs-on: ubuntu-24.04\n    steps:\n      - uses: actions/setup-node@v4\n",
            filename=".github/workflows/build.yml",
            options=(("allow", ["actions/*", "github/*"]),),
        ),
    ),
)
def check(workflow, ctx):
    allow = [p.lower() for p in ctx.options["allow"]]
    deny = [p.lower() for p in ctx.options["deny"]]
    if not allow and not deny:
        return
    for holder in uses_holders(workflow):
        uses = holder.get("uses")
        if not isinstance(uses, str) or uses.startswith(("./", "docker://")) or "/" not in uses:
            continue
        full = uses.strip().lower()
        denied = next((p for p in deny if _matches(p, full)), None)
        if denied is not None:
            yield Problem(holder.value_span("uses"), f"`{uses}` is denied by the action policy (`{denied}`)")
        elif allow and not any(_matches(p, full) for p in allow):
            yield Problem(holder.value_span("uses"), f"`{uses}` is not in the action policy's allow-list")


def _matches(pattern: str, uses: str) -> bool:
    """A pattern with ``@`` matches the whole reference, one without it the action
    (``owner/repo`` matches its sub-actions ``owner/repo/path`` too)."""
    if "@" in pattern:
        return fnmatchcase(uses, pattern)
    action = uses.partition("@")[0]
    return fnmatchcase(action, pattern) or fnmatchcase(action, pattern.rstrip("/") + "/*")
