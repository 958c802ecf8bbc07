"""Containers that may run as root."""

from lintkit.model import Example, Problem, rule
from lintkit.parsers.kubernetes import mapping

from .security import is_zero, pod_security_policies, pod_with


@rule(
    id="K8016",
    name="run-as-non-root",
    severity="warning",
    summary="Container may run as root (no runAsNonRoot, or runAsUser 0)",
    rationale=(
        "Most images default to root. A root process that escapes the container (a kernel or "
        "runtime bug, a writable hostPath) is root on the node. `runAsNonRoot: true` makes the "
        "kubelet refuse to start a container whose user is 0; a non-zero `runAsUser` picks the "
        "user explicitly. Either may be set on the pod or the container (the container wins)."
    ),
    tags=("security",),
    aliases=("CKV_K8S_23", "CKV_K8S_6", "kube-linter:run-as-non-root", "polaris:runAsRootAllowed", "KSV012", "KSV105"),
    examples=(Example(bad=pod_with("runAsUser: 0"), good=pod_with("runAsNonRoot: true"), filename="pod.yaml"),),
)
def check(manifest, ctx):
    for obj, pod in manifest.workloads():
        if pod.is_windows:
            continue
        unset = []
        for container in pod.containers:
            user = container.security_setting("runAsUser")
            non_root = container.security_setting("runAsNonRoot")
            if user is not None and is_zero(user[0]):
                yield Problem(user[1].value_span("runAsUser"), f"{container.label} runs as UID 0 (root)")
            elif user is not None and isinstance(user[0], int) and not isinstance(user[0], bool) and user[0] > 0:
                continue
            elif non_root is not None and non_root[0] is True:
                continue
            elif non_root is not None:
                yield Problem(non_root[1].value_span("runAsNonRoot"), f"{container.label} sets runAsNonRoot: false")
            else:
                unset.append(container)
        if not unset or obj.is_patch:  # a patch leaves what it does not set to its base
            continue
        if len(unset) == len(pod.containers) > 1 and not _any_user_setting(pod):
            names = ", ".join(repr(c.name) for c in unset)
            yield Problem(
                pod.span,
                f"{obj.label} sets neither runAsNonRoot: true nor a non-zero runAsUser, so its containers "
                f"({names}) run as whatever user their images choose, often root",
            )
            continue
        for container in unset:
            yield Problem(
                container.name_span(),
                f"{container.label} sets neither runAsNonRoot: true nor a non-zero runAsUser (the image may run it as root)",
            )
    for obj, spec in pod_security_policies(manifest):
        if not _psp_requires_non_root(spec):
            run_as = mapping(spec.get("runAsUser"))
            where = run_as.value_span("rule") if run_as is not None and "rule" in run_as else obj.spec_span()
            yield Problem(where, f"{obj.label} admits containers running as root")


def _any_user_setting(pod) -> bool:
    context = pod.security_context
    return context is not None and ("runAsUser" in context or "runAsNonRoot" in context)


def _psp_requires_non_root(spec) -> bool:
    run_as = mapping(spec.get("runAsUser"))
    if run_as is None:
        return False
    if run_as.get("rule") == "MustRunAsNonRoot":
        return True
    if run_as.get("rule") == "MustRunAs":
        ranges = run_as.get("ranges") or []
        return bool(ranges) and all(
            isinstance(r, dict) and isinstance(r.get("min"), int) and r["min"] > 0 for r in ranges
        )
    return False
