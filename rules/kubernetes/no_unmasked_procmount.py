"""procMount other than Default."""

from lintkit.model import Example, Problem, rule

from .security import pod_with


@rule(
    id="K8028",
    name="no-unmasked-procmount",
    severity="error",
    summary="procMount is set to something other than Default",
    rationale=(
        "The runtime masks and makes read-only parts of /proc (kcore, sysrq-trigger, ...) "
        "that let a process read kernel memory or act on the node. `procMount: Unmasked` "
        "removes that protection."
    ),
    tags=("security",),
    aliases=("kube-linter:unsafe-proc-mount", "polaris:procMount", "KSV027"),
    examples=(Example(bad=pod_with("procMount: Unmasked"), good=pod_with("procMount: Default"), filename="pod.yaml"),),
)
def check(manifest, ctx):
    for container in manifest.containers():
        context = container.security_context
        if context is not None and "procMount" in context and context["procMount"] not in ("Default", None):
            yield Problem(context.value_span("procMount"), f"{container.label} sets procMount {context['procMount']}")
