"""Ingress backends naming a missing Service or port."""

from lintkit.model import Example, Problem, rule

from . import inventory

_FILES = """\
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: {app: web}
  ports: [{name: http, port: 80, targetPort: 8080}]
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
spec:
  tls: [{hosts: [shop.example.com], secretName: shop-tls}]
  defaultBackend:
    service: {name: SERVICE, port: {number: 80}}
"""


@rule(
    id="K8060",
    name="ingress-backend-exists",
    severity="error",
    summary="Ingress backend names a missing Service or Service port",
    rationale=(
        "An Ingress backend pointing at a Service (or a port of it) that does not exist "
        "answers every request with 503. Reported when the Ingress's folder defines Services."
    ),
    tags=("reliability",),
    aliases=("kube-linter:dangling-ingress", "kube-score:ingress-targets-service"),
    examples=(
        Example(bad=_FILES.replace("SERVICE", "website"), good=_FILES.replace("SERVICE", "web"), filename="web.yaml"),
    ),
    collect=inventory.FACTS,
)
def check(run, ctx):
    for path, ingress in run.of_kind("Ingress"):
        if not run.folder_defines(path, "Service"):
            continue
        for name, name_span, number, port_name, port_span in ingress.spec.get("backends", ()):
            found = run.find("Service", name, ingress.namespace)
            if not found:
                yield Problem(name_span, f"{ingress.label} routes to Service {name}, which is not defined", path=path)
                continue
            ports = [p for _path, service in found for p in service.spec["ports"]]
            if number is not None and port_span is not None and not any(p[0] == number for p in ports):
                yield Problem(
                    port_span,
                    f"{ingress.label} routes to port {number} of Service {name}, which has no such port",
                    path=path,
                )
            elif port_name is not None and port_span is not None and not any(p[1] == port_name for p in ports):
                yield Problem(
                    port_span,
                    f"{ingress.label} routes to port {port_name!r} of Service {name}, which has no such port",
                    path=path,
                )
