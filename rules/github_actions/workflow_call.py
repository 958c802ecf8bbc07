"""Calls of local reusable workflows (``uses: ./.github/workflows/x.yml``) checked against
the ``on.workflow_call`` inputs and secrets that workflow declares."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field

from lintkit.model import Example, Problem, Span, rule
from lintkit.yamlmodel import YMap

from .actions import declared_inputs, undeclared_and_missing

_WORKFLOWS = "/.github/workflows/"


@dataclass
class _Called:
    """What a workflow declares for its callers; ``reusable`` False without workflow_call."""

    reusable: bool
    #: input name (lower-case) -> required without a default
    inputs: dict[str, bool] = field(default_factory=dict)
    secrets: dict[str, bool] = field(default_factory=dict)


@dataclass
class _Call:
    job: str
    target: str
    span: Span
    with_keys: list[tuple[str, Span]]
    secret_keys: list[tuple[str, Span]] | None  # None: `secrets: inherit`


@dataclass
class _Facts:
    called: _Called | None
    calls: list[_Call]


def collect(workflow, ctx):
    if workflow.is_action:
        return None
    path = workflow.source.path.replace("\\", "/")
    calls = []
    for job in workflow.jobs:
        uses = job.node.get("uses")
        if not isinstance(uses, str) or not uses.startswith("./") or "${{" in uses:
            continue
        root = path[: path.rfind(_WORKFLOWS)] if _WORKFLOWS in path else None
        if root is None and path.startswith(".github/workflows/"):
            root = "."
        if root is None:
            continue
        target = posixpath.normpath(posixpath.join(root, uses.partition("@")[0]))
        with_ = job.node.get("with")
        secrets = job.node.get("secrets")
        calls.append(_Call(
            job.id, target, job.node.value_span("uses"),
            [(str(k), with_.key_span(k)) for k in with_] if isinstance(with_, YMap) else [],
            None if secrets == "inherit" else [(str(k), secrets.key_span(k)) for k in secrets] if isinstance(secrets, YMap) else [],
        ))  # fmt: skip
    return _Facts(_declared(workflow), calls)


def _declared(workflow) -> _Called:
    if "workflow_call" not in workflow.triggers:
        return _Called(False)
    spec = workflow.triggers["workflow_call"]
    spec = spec if isinstance(spec, YMap) else YMap()
    return _Called(True, declared_inputs(spec.get("inputs")), declared_inputs(spec.get("secrets")))


@rule(
    id="GH033",
    name="reusable-workflow-call",
    severity="error",
    summary="Call of a local reusable workflow with an input or secret it does not declare, without one it requires, or of a workflow that is not reusable",
    rationale=(
        "GitHub checks a call of a reusable workflow against the workflow's "
        "`on.workflow_call` when the run starts: an input or secret it does not declare (a "
        "typo, a renamed input), a required one left out, or a called workflow without "
        "`workflow_call` fails the whole run. Checked for calls of workflows of the same "
        "repository (`uses: ./.github/workflows/x.yml`) that are linted together."
    ),
    tags=("reliability",),
    aliases=("actionlint:workflow-call",),
    collect=collect,
    examples=(
        Example(
            bad="on: push\npermissions: {}\njobs:\n  release:\n    uses: ./.github/workflows/release.yml\n    with:\n      verison: '1.2'\n",
            good="on: push\npermissions: {}\njobs:\n  release:\n    uses: ./.github/workflows/release.yml\n    with:\n      version: '1.2'\n",
            filename=".github/workflows/ci.yml",
            files=((
                ".github/workflows/release.yml",
                "on:\n  workflow_call:\n    inputs:\n      version:\n        type: string\n        required: true\n"
                "permissions: {}\njobs:\n  build:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: echo \"$V\"\n"
                "        env:\n          V: ${{ inputs.version }}\n",
            ),),
        ),
    ),
)
def check(facts, ctx):
    by_path = {posixpath.normpath(path.replace("\\", "/")): found for path, found in facts.items()}
    for path, found in facts.items():
        for call in found.calls:
            target = by_path.get(call.target)
            if target is None:
                continue  # not linted in this run: nothing to compare with
            called = target.called
            if not called.reusable:
                yield Problem(call.span, f"job {call.job!r} calls {call.target}, which has no `on: workflow_call` and cannot be called", path=path)
                continue
            for kind, keys, declared in (("input", call.with_keys, called.inputs), ("secret", call.secret_keys, called.secrets)):
                if keys is not None:  # None: `secrets: inherit` passes whatever is declared
                    yield from _compare(kind, keys, declared, call, path)


def _compare(kind: str, keys: list, declared: dict, call: _Call, path: str):
    unknown, missing = undeclared_and_missing(keys, declared)
    for name, span in unknown:
        yield Problem(span, f"{kind} {name!r} is not declared by {call.target} ({_names(declared)})", path=path)
    if missing:
        yield Problem(call.span, f"job {call.job!r} does not pass required {kind}(s) {', '.join(missing)} of {call.target}", path=path)


def _names(table: dict) -> str:
    return "declared: " + ", ".join(sorted(table)) if table else "it declares none"
