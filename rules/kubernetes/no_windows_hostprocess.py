"""Windows HostProcess containers."""

from lintkit.model import Example, Problem, rule
from lintkit.parsers.kubernetes import mapping

from .security import POD


@rule(
    id="K8030",
    name="no-windows-hostprocess",
    severity="error",
    summary="Windows HostProcess container",
    rationale=(
        "A HostProcess container runs directly on the Windows node, with the node's network "
        "and file system: the Windows equivalent of a privileged container."
    ),
    tags=("security",),
    aliases=("polaris:hostProcess", "KSV103"),
    examples=(
        Example(
            bad=POD.replace("SETTING", "windowsOptions: {hostProcess: true}"),
            good=POD.replace("SETTING", "windowsOptions: {runAsUserName: ContainerUser}"),
            filename="pod.yaml",
        ),
    ),
)
def check(manifest, ctx):
    for obj, pod in manifest.workloads():
        owners = [(obj.label, pod.security_context)] + [(c.label, c.security_context) for c in pod.containers]
        for label, context in owners:
            options = mapping((context or {}).get("windowsOptions"))
            if options is not None and options.get("hostProcess") is True:
                yield Problem(options.value_span("hostProcess"), f"{label} is a Windows HostProcess container")
