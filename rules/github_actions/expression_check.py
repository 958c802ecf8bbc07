"""``${{ }}`` expressions GitHub rejects or that read nothing: syntax errors, unknown
contexts and functions, contexts used where GitHub does not provide them, and references
to jobs, steps and inputs that do not exist."""

from __future__ import annotations

import difflib

from lintkit.expressions import (
    AVAILABILITY,
    CONTEXTS,
    FUNCTION_ARITY,
    SPECIAL_FUNCTIONS,
    Call,
    Name,
    Property,
    walk_nodes,
)
from lintkit.model import Example, Problem, rule
from lintkit.parsers.github_actions import text_offsets
from lintkit.yamlmodel import YMap


@rule(
    id="GH020",
    name="expression-check",
    severity="error",
    summary="`${{ }}` expression with a syntax error, an unknown context or function, a context not available there, or a reference to a job/step/input that does not exist",
    rationale=(
        "GitHub rejects a workflow whose expressions do not parse or use a context where it "
        "is not available (`secrets` in a step's `if:`, `env` in a job's `if:`), and reads "
        "`needs.<job>` of a job not listed in `needs:`, or `steps.<id>` of a step that has "
        "not run, as empty: a condition silently never holds, an output is silently blank."
    ),
    tags=("reliability",),
    aliases=("actionlint:expression",),
    examples=(
        Example(
            bad=(
                "on: push\npermissions: {}\njobs:\n  build:\n    runs-on: ubuntu-24.04\n    steps:\n"
                "      - id: version\n        run: echo \"tag=v1\" >> \"$GITHUB_OUTPUT\"\n"
                "      - run: echo \"${{ steps.versoin.outputs.tag }}\"\n"
            ),
            good=(
                "on: push\npermissions: {}\njobs:\n  build:\n    runs-on: ubuntu-24.04\n    steps:\n"
                "      - id: version\n        run: echo \"tag=v1\" >> \"$GITHUB_OUTPUT\"\n"
                "      - run: echo \"${{ steps.version.outputs.tag }}\"\n"
            ),
            filename=".github/workflows/build.yml",
        ),
        Example(
            bad=(
                "on: push\npermissions: {}\njobs:\n  deploy:\n    runs-on: ubuntu-24.04\n    steps:\n"
                "      - if: secrets.DEPLOY_KEY != ''\n        run: ./deploy.sh\n"
            ),
            good=(
                "on: push\npermissions: {}\nenv:\n  HAS_KEY: ${{ secrets.DEPLOY_KEY != '' }}\njobs:\n  deploy:\n"
                "    runs-on: ubuntu-24.04\n    steps:\n      - if: env.HAS_KEY == 'true'\n        run: ./deploy.sh\n"
            ),
            filename=".github/workflows/deploy.yml",
        ),
    ),
)
def check(workflow, ctx):
    names = _Names(workflow)
    for site in workflow.expression_sites:
        problems = []
        for tree, error in site.parsed:
            if error is not None:
                at = max(0, min(error.offset, len(site.text) - 1))
                problems.append((at, at + 1, f"invalid expression: {error}"))
            else:
                problems.extend(_check_tree(tree, site, names, workflow.is_action))
        if problems:
            offsets = text_offsets(workflow, site.holder, site.index)
            for start, end, message in problems:
                yield Problem(offsets.span(start, end), message)


class _Names:
    """The ids an expression may refer to: jobs, steps of each job, declared inputs."""

    def __init__(self, workflow):
        self.jobs = {job.id.lower(): job.id for job in workflow.jobs}
        #: Per job (by its node): (position in steps:, lower-cased id) of steps with an id.
        self.step_ids: dict[int, list[tuple[int, str]]] = {}
        for step in workflow.steps:
            identifier = step.node.get("id")
            if isinstance(identifier, str):
                self.step_ids.setdefault(id(step.job.node), []).append((step.index, identifier.lower()))
        self.dynamic_step_ids = any("${{" in s for ids in self.step_ids.values() for _, s in ids)
        self.inputs = _declared_inputs(workflow)


def _declared_inputs(workflow) -> set[str] | None:
    """Lower-cased input names, or None when the workflow's inputs are not known."""
    if workflow.is_action:
        sources = [workflow.root.get("inputs")]
    else:
        triggers = workflow.triggers
        if "workflow_dispatch" not in triggers and "workflow_call" not in triggers:
            return None
        sources = [triggers.get(t).get("inputs") if isinstance(triggers.get(t), YMap) else None for t in ("workflow_dispatch", "workflow_call")]
    names: set[str] = set()
    for inputs in sources:
        if isinstance(inputs, YMap):
            names.update(str(name).lower() for name in inputs)
        elif inputs is not None:
            return None
    return names


def _where(key: str) -> str:
    """A workflow key of the availability table as a reader says it."""
    parts = [p for p in key.split(".") if not p.startswith("<")]
    if parts[0] == "jobs" and len(parts) > 1 and parts[1] == "steps":
        return f"a step's `{'.'.join(parts[2:])}:`"
    if parts[0] == "jobs":
        return f"a job's `{'.'.join(parts[1:])}:`"
    if parts[0] == "on":
        return f"`{'.'.join(parts)}`"
    return f"the workflow's `{'.'.join(parts)}:`"


def _check_tree(tree, site, names: _Names, is_action: bool):
    """(start, end, message) of each problem in one parsed expression."""
    contexts, functions = AVAILABILITY.get(site.key, (None, None))
    if is_action:
        contexts = functions = None  # composite actions: GitHub's table covers workflows
    for node in walk_nodes(tree):
        if isinstance(node, Call):
            name = node.name.lower()
            arity = FUNCTION_ARITY.get(name)
            if arity is None:
                close = difflib.get_close_matches(name, list(FUNCTION_ARITY), n=1, cutoff=0.7)
                hint = f" (did you mean `{close[0]}`?)" if close else ""
                yield node.start, node.start + len(node.name), f"unknown function `{node.name}()`{hint}"
                continue
            low, high = arity
            count = len(node.args)
            if count < low or (high is not None and count > high):
                wanted = str(low) if low == high else f"at least {low}" if high is None else f"{low} to {high}"
                yield node.start, node.end, f"`{node.name}()` takes {wanted} argument(s), not {count}"
            elif name == "case" and count % 2 == 0:
                yield node.start, node.end, "`case()` takes condition/value pairs and a default: an odd number of arguments"
            if functions is not None and name in SPECIAL_FUNCTIONS and name not in functions:
                yield node.start, node.start + len(node.name), f"`{node.name}()` is not available in {_where(site.key)}"
        elif isinstance(node, Name):
            name = node.name.lower()
            if name not in CONTEXTS:
                close = difflib.get_close_matches(name, list(CONTEXTS), n=1, cutoff=0.7)
                hint = f" (did you mean `{close[0]}`?)" if close else ""
                yield node.start, node.end, f"unknown context `{node.name}`{hint}"
            elif contexts is not None and name not in contexts:
                yield node.start, node.end, f"the `{name}` context is not available in {_where(site.key)}"
        elif isinstance(node, Property) and isinstance(node.receiver, Name):
            yield from _check_reference(node, site, names, contexts)


def _check_reference(node: Property, site, names: _Names, contexts):
    context = node.receiver.name.lower()
    if contexts is not None and context not in contexts:
        return  # already reported as unavailable
    name = node.name
    key = name.lower()
    where = (node.name_start, node.end)
    if context == "needs" and site.job is not None:
        needed = {n.lower() for n, _ in site.job.needs}
        if key not in needed:
            detail = "not a job of this workflow" if key not in names.jobs else f"not listed in `needs:` of job {site.job.id!r}, so its result and outputs are not available"
            yield *where, f"`needs.{name}`: {name!r} is {detail}"
    elif context == "jobs" and site.key.startswith("on.workflow_call.outputs"):
        if key not in names.jobs:
            yield *where, f"`jobs.{name}`: {name!r} is not a job of this workflow"
    elif context == "steps" and site.job is not None and not names.dynamic_step_ids:
        yield from _check_step_reference(name, where, site, names)
    elif context == "inputs" and names.inputs is not None and key not in names.inputs:
        close = difflib.get_close_matches(key, sorted(names.inputs), n=1, cutoff=0.75)
        hint = f" (did you mean `{close[0]}`?)" if close else ""
        yield *where, f"`inputs.{name}`: no input {name!r} is declared{hint}"


def _check_step_reference(name: str, where: tuple[int, int], site, names: _Names):
    steps = names.step_ids.get(id(site.job.node), [])
    key = name.lower()
    # Job outputs and the environment URL are read after every step has run.
    before = [i for index, i in steps if site.step is None or index < site.step.index]
    if key in before:
        return
    if any(i == key for _, i in steps):
        yield *where, f"`steps.{name}`: step {name!r} has not run yet at this point (it comes later in the job or is this step)"
    else:
        close = difflib.get_close_matches(key, [i for _, i in steps], n=1, cutoff=0.75)
        hint = f" (did you mean `{close[0]}`?)" if close else ""
        yield *where, f"`steps.{name}`: no step with id {name!r} in job {site.job.id!r}{hint}"
