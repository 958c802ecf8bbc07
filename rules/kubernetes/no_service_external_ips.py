"""Services with externalIPs."""

from lintkit.model import Example, Problem, rule

_SERVICE = """\
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: {app: web}
  ports: [{port: 80}]
"""


@rule(
    id="K8057",
    name="no-service-external-ips",
    severity="warning",
    summary="Service sets externalIPs",
    rationale=(
        "Whoever can create a Service with `externalIPs` can intercept traffic to any address "
        "in the cluster (CVE-2020-8554, unfixed by design); clusters usually block the field "
        "with an admission policy. Use a LoadBalancer or an Ingress."
    ),
    tags=("security",),
    aliases=("KSV-0108",),
    examples=(
        Example(
            bad=_SERVICE.replace("ports:", "externalIPs: [203.0.113.10]\n  ports:"),
            good=_SERVICE,
            filename="service.yaml",
        ),
    ),
)
def check(manifest, ctx):
    for obj in manifest.of_kind("Service"):
        if obj.spec.get("externalIPs"):
            yield Problem(obj.spec.key_span("externalIPs"), f"{obj.label} sets externalIPs")
