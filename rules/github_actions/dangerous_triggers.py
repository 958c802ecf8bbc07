"""``pull_request_target`` and ``workflow_run``: privileged runs started by outsiders."""

from lintkit.model import Example, Problem, rule
from lintkit.yamlmodel import YMap

DANGEROUS = {
    "pull_request_target": "runs with a write token and secrets for pull requests from forks",
    "workflow_run": "runs with a write token and secrets after workflows that fork pull requests can trigger",
    "issue_comment": "runs with a write token and secrets for comments anyone can post",
}
#: ``with: ref:`` values that check out the pull request's (untrusted) code.
UNTRUSTED_REFS = ("github.event.pull_request.head", "github.head_ref", "github.event.workflow_run.head", "refs/pull/")


@rule(
    id="GH005",
    name="dangerous-triggers",
    severity="warning",
    summary="`pull_request_target` / `workflow_run` / `issue_comment` trigger (worse with a checkout of the PR's code)",
    rationale=(
        "These triggers run in the base repository's context, with secrets and a write "
        "token, for events that anyone who can open a pull request causes. Checking out "
        "and building the pull request's code there hands that access to the PR's author. "
        "Use `pull_request` unless the workflow only labels or comments, and never check "
        "out the head of the PR in it. A workflow whose only steps are actions/labeler is "
        "not reported: labelling pull requests from forks is what the trigger is for."
    ),
    tags=("security",),
    aliases=("zizmor:dangerous-triggers",),
    examples=(
        Example(
            bad="on: pull_request_target\npermissions: {}\njobs:\n  test:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: make test\n",
            good="on: pull_request\npermissions: {}\njobs:\n  test:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: make test\n",
            filename=".github/workflows/test.yml",
        ),
    ),
)
def check(workflow, ctx):
    if workflow.is_action or workflow.on_key is None:
        return
    used = [t for t in workflow.triggers if t in DANGEROUS]
    if "pull_request_target" in used and _only_labels(workflow):
        used.remove("pull_request_target")
    if not used:
        return
    checkout = _untrusted_checkout(workflow)
    on = workflow.root[workflow.on_key]
    for trigger in used:
        span = _trigger_span(workflow, on, trigger)
        message = f"`{trigger}` {DANGEROUS[trigger]}"
        if checkout is not None:
            message += f", and line {checkout} checks out the pull request's code"
        yield Problem(span, message)


def _trigger_span(workflow, on, trigger):
    if isinstance(on, YMap):
        return on.key_span(trigger)
    if isinstance(on, list):
        return on.item_span(on.index(trigger))
    return workflow.root.value_span(workflow.on_key)


def _only_labels(workflow) -> bool:
    """Every step is actions/labeler: the use `pull_request_target` exists for (it reads
    the PR's changed paths through the API and checks out nothing)."""
    steps = workflow.steps
    return bool(steps) and all(
        (step.uses or "").lower().split("@")[0] == "actions/labeler" for step in steps
    ) and not any(job.is_reusable_call for job in workflow.jobs)


def _untrusted_checkout(workflow):
    for step in workflow.steps:
        if not (step.uses or "").lower().startswith("actions/checkout"):
            continue
        with_ = step.node.get("with")
        ref = with_.get("ref") if isinstance(with_, YMap) else None
        if isinstance(ref, str) and any(marker in ref for marker in UNTRUSTED_REFS):
            return with_.value_span("ref").line
    return None
