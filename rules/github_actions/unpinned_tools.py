"""Setup actions that download whatever version of a tool is newest."""

from lintkit.model import Example, Problem, rule
from lintkit.yamlmodel import YMap

from .actions import action_of, inputs_of

#: Setup actions whose version input, when left out, means the newest release.
LATEST_BY_DEFAULT = {
    "aquasecurity/setup-trivy": "version",
    "1password/load-secrets-action": "version",
    "extractions/setup-just": "just-version",
    "extractions/setup-crate": "version",
    "hashicorp/setup-terraform": "terraform_version",
    "azure/setup-helm": "version",
    "azure/setup-kubectl": "version",
}
#: Values of a version input that float to the newest release.
FLOATING = frozenset(("latest", "*", "x"))


@rule(
    id="GH044",
    name="pin-tools",
    severity="warning",
    summary="Setup action installing the newest release of a tool (`version: latest`, or a default that means it)",
    rationale=(
        "A version input set to `latest` (or left out where that is the default) installs "
        "whatever was released last: a compromised or broken release of the tool runs in "
        "the next build, with the job's token and secrets, before anyone has looked at "
        "it. Pin the version (and let a dependency bot propose updates)."
    ),
    tags=("security", "reliability"),
    aliases=("zizmor:unpinned-tools",),
    examples=(
        Example(
            bad="on: push\npermissions: {}\njobs:\n  scan:\n    runs-on: ubuntu-24.04\n    steps:\n      - uses: aquasecurity/setup-trivy@v0.2.2\n",
            good="on: push\npermissions: {}\njobs:\n  scan:\n    runs-on: ubuntu-24.04\n    steps:\n      - uses: aquasecurity/setup-trivy@v0.2.2\n        with:\n          version: v0.58.1\n",
            filename=".github/workflows/scan.yml",
        ),
    ),
)
def check(workflow, ctx):
    for step in workflow.steps:
        action = action_of(step)
        if action is None:
            continue
        inputs = inputs_of(step)
        default_input = LATEST_BY_DEFAULT.get(action)
        opaque = "with" in step.node and not isinstance(step.node.get("with"), YMap)  # `with: ${{ ... }}`
        if default_input is not None and default_input not in inputs and not opaque:
            yield Problem(step.node.value_span("uses"), f"{action} installs the newest release of its tool when `{default_input}` is not set; pin a version")
            continue
        for key, value in inputs.items():
            if isinstance(key, str) and (key == "version" or key.endswith(("-version", "_version"))) and isinstance(value, str) and value.strip().lower() in FLOATING:
                yield Problem(inputs.value_span(key), f"`{key}: {value}` installs whatever release is newest; pin a version")
