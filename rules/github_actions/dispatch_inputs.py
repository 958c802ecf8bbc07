"""``workflow_dispatch`` with inputs (a build parameterised by whoever starts it)."""

from lintkit.model import Example, Problem, rule
from lintkit.yamlmodel import YMap


@rule(
    id="GH038",
    name="no-dispatch-inputs",
    severity="info",
    summary="`workflow_dispatch` takes inputs, so a manual run builds from parameters outside version control",
    rationale=(
        "SLSA's build requirements ask that what a build does follow from the source and "
        "the build definition alone. Inputs to a manually dispatched workflow let whoever "
        "starts it change the result (a version, a flag, a target) without a commit anyone "
        "reviews. Put the parameters in the repository, or keep the dispatch without inputs. "
        "Off by default: most dispatch inputs are operational choices."
    ),
    tags=("security",),
    aliases=("CKV_GHA_7",),
    enabled=False,
    examples=(
        Example(
            bad="on:\n  workflow_dispatch:\n    inputs:\n      version:\n        type: string\npermissions: {}\njobs:\n  build:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: make\n",
            good="on:\n  workflow_dispatch:\npermissions: {}\njobs:\n  build:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: make\n",
            filename=".github/workflows/build.yml",
        ),
    ),
)
def check(workflow, ctx):
    spec = workflow.triggers.get("workflow_dispatch")
    inputs = spec.get("inputs") if isinstance(spec, YMap) else None
    if isinstance(inputs, YMap) and inputs:
        yield Problem(spec.key_span("inputs"), f"manual runs take {len(inputs)} input(s) ({', '.join(map(str, inputs))}) that change the build outside version control")
