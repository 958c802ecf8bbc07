"""Ingresses serving plain HTTP only."""

from lintkit.model import Example, Problem, rule

_INGRESS = """\
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
spec:
  rules:
    - host: shop.example.com
      http:
        paths:
          - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
"""


@rule(
    id="K8061",
    name="ingress-tls",
    severity="warning",
    summary="Ingress has no TLS section",
    rationale=(
        "Without `spec.tls` the Ingress serves plain HTTP: credentials and cookies cross the "
        "network readable by anyone on the path. Add a tls entry for its hosts "
        "(cert-manager can issue the certificate)."
    ),
    tags=("security",),
    aliases=("polaris:tlsSettingsMissing",),
    examples=(
        Example(
            bad=_INGRESS,
            good=_INGRESS.replace(
                "spec:\n", "spec:\n  tls:\n    - {hosts: [shop.example.com], secretName: shop-tls}\n"
            ),
            filename="ingress.yaml",
        ),
    ),
)
def check(manifest, ctx):
    for obj in manifest.of_kind("Ingress"):
        if not obj.spec.get("tls"):
            yield Problem(obj.spec_span("tls"), f"{obj.label} serves plain HTTP (no spec.tls)")
