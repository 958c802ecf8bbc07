"""Deprecated and removed Kubernetes API versions, from the upstream deprecation guide
(https://kubernetes.io/docs/reference/using-api/deprecation-guide/).

Each entry: (apiVersion, kinds or None for every kind of that apiVersion), the version
that deprecated it, the version that stopped serving it (None: still served), and what to
use instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True, slots=True)
class ApiChange:
    api_version: str
    kinds: frozenset[str] | None
    deprecated_in: tuple[int, int]
    removed_in: tuple[int, int] | None
    replacement: str
    #: The replacement reads the same object the same way: only the apiVersion changes
    #: (a fix may rewrite it). False where fields moved or defaults changed.
    drop_in: bool = False

    def applies_to(self, api_version: str, kind: str) -> bool:
        return api_version == self.api_version and (self.kinds is None or kind in self.kinds)


def _change(api_version, kinds, deprecated, removed, replacement, drop_in=False) -> ApiChange:
    def version(text):
        return tuple(int(p) for p in text.split(".")) if text else None

    return ApiChange(
        api_version, frozenset(kinds.split()) if kinds else None, version(deprecated), version(removed), replacement,
        drop_in,
    )


CHANGES: tuple[ApiChange, ...] = (
    _change("extensions/v1beta1", "Deployment DaemonSet ReplicaSet", "1.8", "1.16", "apps/v1"),
    _change("extensions/v1beta1", "NetworkPolicy", "1.9", "1.16", "networking.k8s.io/v1"),
    _change("extensions/v1beta1", "PodSecurityPolicy", "1.11", "1.16", "Pod Security Admission (no replacement object)"),
    _change("extensions/v1beta1", "Ingress", "1.14", "1.22", "networking.k8s.io/v1"),
    _change("apps/v1beta1", None, "1.9", "1.16", "apps/v1"),
    _change("apps/v1beta2", None, "1.9", "1.16", "apps/v1"),
    _change("networking.k8s.io/v1beta1", "Ingress IngressClass", "1.19", "1.22", "networking.k8s.io/v1"),
    _change("admissionregistration.k8s.io/v1beta1", None, "1.16", "1.22", "admissionregistration.k8s.io/v1"),
    _change("apiextensions.k8s.io/v1beta1", None, "1.16", "1.22", "apiextensions.k8s.io/v1"),
    _change("apiregistration.k8s.io/v1beta1", None, "1.19", "1.22", "apiregistration.k8s.io/v1", drop_in=True),
    _change("authentication.k8s.io/v1beta1", None, "1.19", "1.22", "authentication.k8s.io/v1", drop_in=True),
    _change("authorization.k8s.io/v1beta1", None, "1.19", "1.22", "authorization.k8s.io/v1", drop_in=True),
    _change("certificates.k8s.io/v1beta1", None, "1.19", "1.22", "certificates.k8s.io/v1"),
    _change("coordination.k8s.io/v1beta1", None, "1.19", "1.22", "coordination.k8s.io/v1", drop_in=True),
    _change("rbac.authorization.k8s.io/v1beta1", None, "1.17", "1.22", "rbac.authorization.k8s.io/v1", drop_in=True),
    _change("rbac.authorization.k8s.io/v1alpha1", None, "1.17", "1.22", "rbac.authorization.k8s.io/v1", drop_in=True),
    _change("scheduling.k8s.io/v1beta1", None, "1.14", "1.22", "scheduling.k8s.io/v1", drop_in=True),
    _change("scheduling.k8s.io/v1alpha1", None, "1.14", "1.17", "scheduling.k8s.io/v1", drop_in=True),
    _change("storage.k8s.io/v1beta1", "CSIDriver CSINode StorageClass VolumeAttachment", "1.19", "1.22",
            "storage.k8s.io/v1"),
    _change("storage.k8s.io/v1beta1", "CSIStorageCapacity", "1.24", "1.27", "storage.k8s.io/v1"),
    _change("batch/v1beta1", "CronJob", "1.21", "1.25", "batch/v1", drop_in=True),
    _change("batch/v2alpha1", "CronJob", "1.21", "1.21", "batch/v1", drop_in=True),
    _change("discovery.k8s.io/v1beta1", "EndpointSlice", "1.21", "1.25", "discovery.k8s.io/v1"),
    _change("events.k8s.io/v1beta1", "Event", "1.19", "1.25", "events.k8s.io/v1"),
    _change("autoscaling/v2beta1", "HorizontalPodAutoscaler", "1.22", "1.25", "autoscaling/v2"),
    _change("autoscaling/v2beta2", "HorizontalPodAutoscaler", "1.23", "1.26", "autoscaling/v2", drop_in=True),
    _change("policy/v1beta1", "PodDisruptionBudget", "1.21", "1.25", "policy/v1"),
    _change("policy/v1beta1", "PodSecurityPolicy", "1.21", "1.25", "Pod Security Admission (no replacement object)"),
    _change("node.k8s.io/v1beta1", "RuntimeClass", "1.20", "1.25", "node.k8s.io/v1", drop_in=True),
    _change("flowcontrol.apiserver.k8s.io/v1beta1", None, "1.23", "1.26", "flowcontrol.apiserver.k8s.io/v1"),
    _change("flowcontrol.apiserver.k8s.io/v1beta2", None, "1.26", "1.29", "flowcontrol.apiserver.k8s.io/v1"),
    _change("flowcontrol.apiserver.k8s.io/v1beta3", None, "1.29", "1.32", "flowcontrol.apiserver.k8s.io/v1", drop_in=True),
    _change("v1", "ComponentStatus", "1.19", None, "the /livez and /readyz endpoints"),
    _change("v1", "Endpoints", "1.33", None, "discovery.k8s.io/v1 EndpointSlice"),
)  # fmt: skip


_BY_API_VERSION: dict[str, list[ApiChange]] = {}
for _change_entry in CHANGES:
    _BY_API_VERSION.setdefault(_change_entry.api_version, []).append(_change_entry)


def change_for(api_version: str, kind: str) -> ApiChange | None:
    for change in _BY_API_VERSION.get(api_version, ()):
        if change.applies_to(api_version, kind):
            return change
    return None


@lru_cache(maxsize=64)
def version_tuple(text: str) -> tuple[int, int]:
    """(major, minor) of "1.31", "v1.31.2"."""
    parts = [int(p) for p in text.lstrip("v").split(".")[:2] if p.isdigit()] + [0, 0]
    return parts[0], parts[1]


def show(version: tuple[int, int]) -> str:
    return f"{version[0]}.{version[1]}"
