"""Containers without a RuntimeDefault/Localhost seccomp profile."""

from lintkit.model import Example, Problem, rule
from lintkit.parsers.kubernetes import mapping

from .security import POD

_ACCEPTED_TYPES = frozenset(("RuntimeDefault", "Localhost"))
#: The pre-1.19 annotations, still honoured by older clusters.
_POD_ANNOTATION = "seccomp.security.alpha.kubernetes.io/pod"
_CONTAINER_ANNOTATION = "container.seccomp.security.alpha.kubernetes.io/"
_PSP_ANNOTATION = "seccomp.security.alpha.kubernetes.io/defaultProfileName"


def _accepted_annotation(value) -> bool:
    return isinstance(value, str) and (value in ("runtime/default", "docker/default") or value.startswith("localhost/"))


@rule(
    id="K8024",
    name="seccomp-profile",
    severity="warning",
    summary="No RuntimeDefault/Localhost seccomp profile, or Unconfined",
    rationale=(
        "Kubernetes runs containers without seccomp unless asked: every one of the kernel's "
        "~400 system calls is reachable, including those behind most container escapes. "
        "`seccompProfile: {type: RuntimeDefault}` on the pod (or each container) applies the "
        "runtime's default filter at no cost to ordinary applications; `Unconfined` turns it "
        "off. PodSecurityPolicies should set a default profile."
    ),
    tags=("security",),
    aliases=("CKV_K8S_31", "CKV_K8S_32", "kube-score:container-seccomp-profile", "KSV030", "KSV104"),
    examples=(
        Example(
            bad=POD.replace("SETTING", "seccompProfile: {type: Unconfined}"),
            good=POD.replace("SETTING", "seccompProfile: {type: RuntimeDefault}"),
            filename="pod.yaml",
        ),
    ),
)
def check(manifest, ctx):
    for obj, pod in manifest.workloads():
        if pod.is_windows:
            continue
        annotations = pod.annotations
        pod_profile = mapping((pod.security_context or {}).get("seccompProfile"))
        pod_type = _profile_type(pod_profile)
        if pod_type is not None and pod_type not in _ACCEPTED_TYPES:
            yield Problem(pod_profile.value_span("type"), f"{obj.label} runs its pod with seccomp profile {pod_type}")
        pod_covered = pod_type in _ACCEPTED_TYPES or _accepted_annotation(annotations.get(_POD_ANNOTATION))
        uncovered = []
        for container in pod.containers:
            profile = mapping((container.security_context or {}).get("seccompProfile"))
            kind = _profile_type(profile)
            if kind is not None and kind not in _ACCEPTED_TYPES:
                yield Problem(profile.value_span("type"), f"{container.label} runs with seccomp profile {kind}")
            elif kind is None and not pod_covered:
                if not _accepted_annotation(annotations.get(_CONTAINER_ANNOTATION + container.name)):
                    uncovered.append(container)
        if obj.is_patch:
            continue  # a patch leaves the profiles it does not set to its base
        if uncovered and len(uncovered) == len(pod.containers):
            yield Problem(
                pod.span, f"{obj.label} sets no seccomp profile (use seccompProfile: {{type: RuntimeDefault}})"
            )
        else:
            for container in uncovered:
                yield Problem(container.name_span(), f"{container.label} has no seccomp profile")
    for obj in manifest.of_kind("PodSecurityPolicy"):
        annotations = obj.annotations
        if not _accepted_annotation(annotations.get(_PSP_ANNOTATION)):
            where = annotations.value_span(_PSP_ANNOTATION) if _PSP_ANNOTATION in annotations else obj.name_span()
            yield Problem(where, f"{obj.label} sets no default seccomp profile (runtime/default)")


def _profile_type(profile) -> str | None:
    """``seccompProfile.type`` when it is a string (anything else is schema-valid's concern)."""
    kind = profile.get("type") if profile is not None else None
    return kind if isinstance(kind, str) else None
