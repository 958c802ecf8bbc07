"""Namespaces without a LimitRange or a ResourceQuota."""

from lintkit.model import Example, Problem, rule

from . import inventory

NAMESPACE = """\
apiVersion: v1
kind: Namespace
metadata:
  name: shop
"""
LIMIT_RANGE = """\
apiVersion: v1
kind: LimitRange
metadata:
  name: defaults
  namespace: shop
spec:
  limits:
    - type: Container
      default: {cpu: 500m, memory: 256Mi}
      defaultRequest: {cpu: 100m, memory: 128Mi}
"""
RESOURCE_QUOTA = """\
apiVersion: v1
kind: ResourceQuota
metadata:
  name: compute
  namespace: shop
spec:
  hard: {requests.cpu: "4", requests.memory: 8Gi, limits.cpu: "8", limits.memory: 16Gi}
"""


@rule(
    id="K8112",
    name="namespace-limits-quota",
    severity="info",
    summary="Namespace has no LimitRange or no ResourceQuota",
    rationale=(
        "A LimitRange gives containers that set no resources a default request and limit, and a "
        "ResourceQuota caps what the whole namespace may claim; without them one team's runaway "
        "workload can starve the rest of the cluster. Reported on Namespace objects of the run "
        "when no LimitRange (or ResourceQuota) of the run is in that namespace, or in the same "
        "folder without a namespace of its own (as kustomize sets it). Off by default: quotas are "
        "often managed apart from the applications."
    ),
    tags=("reliability",),
    aliases=("KSV039", "KSV040"),
    enabled=False,
    examples=(
        Example(
            bad=NAMESPACE,
            good=NAMESPACE + "---\n" + LIMIT_RANGE + "---\n" + RESOURCE_QUOTA,
            filename="shop.yaml",
        ),
        # A quota without a namespace of its own, in the namespace's folder (kustomize sets it).
        Example(
            bad=NAMESPACE,
            good=NAMESPACE + "---\n" + RESOURCE_QUOTA.replace("  namespace: shop\n", ""),
            filename="shop.yaml",
            files=(("limits.yaml", LIMIT_RANGE),),
        ),
    ),
    collect=inventory.FACTS,
)
def check(run, ctx):
    for path, namespace in run.of_kind("Namespace"):
        if not namespace.name:
            continue
        for kind in ("LimitRange", "ResourceQuota"):
            if not any(_governs(run, path, namespace.name, p, o) for p, o in run.of_kind(kind)):
                yield Problem(namespace.name_span, f"Namespace {namespace.name} has no {kind}", path=path)


def _governs(run, namespace_path: str, namespace: str, path: str, obj) -> bool:
    if obj.namespace is not None:
        return obj.namespace == namespace
    return inventory.folder_of(path) == inventory.folder_of(namespace_path)
