"""Steps using an action of the same repository (``uses: ./path``) checked against the
inputs its ``action.yml`` declares."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field

from lintkit.model import Example, Problem, Span, rule
from lintkit.yamlmodel import YMap

from .actions import declared_inputs, undeclared_and_missing

_WORKFLOWS = "/.github/workflows/"


@dataclass
class _Use:
    job: str
    step: int
    target: str  # as written: ``./path``
    folder: str  # the action's folder, from the repository root
    span: Span
    with_keys: list[tuple[str, Span]]


@dataclass
class _Facts:
    #: For an action file: input name (lower-case) -> required without a default.
    inputs: dict[str, bool] | None = None
    uses: list[_Use] = field(default_factory=list)


def collect(workflow, ctx):
    path = posixpath.normpath(workflow.source.path.replace("\\", "/"))
    if workflow.is_action:
        root = workflow.root if isinstance(workflow.root, YMap) else YMap()
        return _Facts(inputs=declared_inputs(root.get("inputs")))
    if _WORKFLOWS in f"/{path}":
        root = posixpath.dirname(posixpath.dirname(posixpath.dirname(path))) or "."
    else:
        return None  # a workflow outside .github/workflows/: its repository root is unknown
    uses = []
    for step in workflow.steps:
        target = step.uses
        if target is None or not target.startswith("./") or "${{" in target:
            continue
        with_ = step.node.get("with")
        keys = [(str(k), with_.key_span(k)) for k in with_] if isinstance(with_, YMap) else []
        folder = posixpath.normpath(posixpath.join(root, target))
        uses.append(_Use(step.job.id, step.index, target, folder, step.node.value_span("uses"), keys))
    return _Facts(uses=uses) if uses else None


ACTION = (
    "name: deploy\ndescription: Deploy the site\ninputs:\n  environment:\n    description: where\n"
    "    required: true\n  dry-run:\n    description: only show\n    default: 'false'\n"
    "runs:\n  using: composite\n  steps:\n    - run: ./deploy.sh\n      shell: bash\n"
)


@rule(
    id="GH048",
    name="local-action-inputs",
    severity="warning",
    summary="Step passes an input its local action (`uses: ./path`) does not declare, or omits a required one",
    rationale=(
        "GitHub only warns, at run time, when a step passes an input its action does not "
        "declare, and a required input left out reaches the action empty: a typo in `with:` "
        "silently changes what the step does. Checked for actions of the same repository "
        "(`uses: ./path`) whose `action.yml` is linted in the same run."
    ),
    tags=("reliability",),
    aliases=("actionlint:action",),
    collect=collect,
    examples=(
        Example(
            bad=(
                "on: push\npermissions: {}\njobs:\n  deploy:\n    runs-on: ubuntu-24.04\n    steps:\n"
                "      - uses: ./.github/actions/deploy\n        with:\n          enviroment: prod\n"
            ),
            good=(
                "on: push\npermissions: {}\njobs:\n  deploy:\n    runs-on: ubuntu-24.04\n    steps:\n"
                "      - uses: ./.github/actions/deploy\n        with:\n          environment: prod\n"
            ),
            filename=".github/workflows/deploy.yml",
            files=((".github/actions/deploy/action.yml", ACTION),),
        ),
    ),
)
def check(facts, ctx):
    actions = {
        posixpath.dirname(posixpath.normpath(path.replace("\\", "/"))) or ".": found.inputs
        for path, found in facts.items()
        if found.inputs is not None
    }
    for path, found in facts.items():
        for use in found.uses:
            declared = actions.get(use.folder)
            if declared is None:
                continue  # not linted in this run: nothing to compare with
            unknown, missing = undeclared_and_missing(use.with_keys, declared)
            for name, span in unknown:
                listed = ", ".join(sorted(declared)) or "none"
                message = f"input {name!r} is not declared by the action {use.target} (declared: {listed})"
                yield Problem(span, message, path=path)
            if missing:
                names = ", ".join(missing)
                message = f"step {use.step + 1} of job {use.job!r} leaves out required input(s) {names} of {use.target}"
                yield Problem(use.span, message, path=path)
