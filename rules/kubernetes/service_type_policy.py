"""NodePort Services, and LoadBalancers open to the whole internet."""

from lintkit.model import Example, Problem, rule

_SERVICE = """\
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  type: TYPE
  selector: {app: web}
  ports: [{port: 80, targetPort: 8080}]
"""
#: Annotations that make a cloud load balancer internal (no public address).
_INTERNAL_LB = {
    "service.beta.kubernetes.io/aws-load-balancer-internal": None,
    "service.beta.kubernetes.io/aws-load-balancer-scheme": "internal",
    "networking.gke.io/load-balancer-type": "Internal",
    "cloud.google.com/load-balancer-type": "Internal",
    "service.beta.kubernetes.io/azure-load-balancer-internal": "true",
    "service.beta.kubernetes.io/oci-load-balancer-internal": "true",
    "service.kubernetes.io/ibm-load-balancer-cloud-provider-ip-type": "private",
}


@rule(
    id="K8056",
    name="service-type-policy",
    severity="warning",
    summary="NodePort Service, or LoadBalancer reachable from any address",
    rationale=(
        "A NodePort opens the port on every node of the cluster, around ingress controllers "
        "and their TLS and authentication. A public LoadBalancer without "
        "`loadBalancerSourceRanges` accepts connections from the whole internet. Prefer a "
        "ClusterIP behind an Ingress, or restrict the source ranges."
    ),
    tags=("security",),
    aliases=("kube-linter:exposed-services", "kube-score:service-type"),
    examples=(
        Example(
            bad=_SERVICE.replace("TYPE", "NodePort"),
            good=_SERVICE.replace("TYPE", "ClusterIP"),
            filename="service.yaml",
        ),
    ),
)
def check(manifest, ctx):
    for obj in manifest.of_kind("Service"):
        spec = obj.spec
        kind = spec.get("type")
        if kind == "NodePort":
            yield Problem(spec.value_span("type"), f"{obj.label} opens its ports on every node (NodePort)")
        elif kind == "LoadBalancer" and not spec.get("loadBalancerSourceRanges") and not _internal(obj.annotations):
            yield Problem(
                spec.value_span("type"),
                f"{obj.label} is a LoadBalancer open to any address (no loadBalancerSourceRanges)",
            )


def _internal(annotations) -> bool:
    for key, wanted in _INTERNAL_LB.items():
        value = annotations.get(key)
        if value is None:
            continue
        if wanted is None and str(value).lower() in ("true", "0.0.0.0/0"):
            return True
        if wanted is not None and str(value).lower() == wanted.lower():
            return True
    return False
