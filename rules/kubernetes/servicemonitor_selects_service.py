"""Prometheus ServiceMonitors that select no Service."""

from lintkit.model import Example, Problem, rule

from . import inventory
from .labels import selector_matches

_FILES = """\
apiVersion: v1
kind: Service
metadata:
  name: web
  labels: {app: web}
spec:
  selector: {app: web}
  ports: [{name: metrics, port: 9090}]
---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: APP}
  endpoints: [{port: metrics}]
"""


@rule(
    id="K8089",
    name="servicemonitor-selects-service",
    severity="warning",
    summary="Prometheus ServiceMonitor selects no Service",
    rationale=(
        "A ServiceMonitor scrapes the Services its selector matches (by their labels, not the "
        "pods'). One that matches none silently scrapes nothing, and the missing metrics are "
        "noticed only when an alert should have fired. Off by default: monitors commonly "
        "select Services that the cluster or a Helm chart provides (kubelet, coredns, ...)."
    ),
    tags=("reliability",),
    aliases=("kube-linter:dangling-servicemonitor",),
    enabled=False,
    examples=(Example(bad=_FILES.replace("APP", "webb"), good=_FILES.replace("APP", "web"), filename="web.yaml"),),
    collect=inventory.FACTS,
)
def check(run, ctx):
    for path, monitor in run.of_kind("ServiceMonitor"):
        selector = monitor.spec.get("selector")
        if selector is None or not run.folder_defines(path, "Service"):
            continue
        namespaces = monitor.spec.get("namespaces") or ()
        if namespaces and not run.defines_in_namespaces("Service", namespaces):
            continue  # it watches namespaces (kube-system, ...) whose Services are made elsewhere
        for _p, service in run.of_kind("Service"):
            if monitor.spec.get("any_namespace") or (
                service.namespace in namespaces
                if namespaces
                else inventory.same_namespace(service.namespace, monitor.namespace)
            ):
                if selector_matches(selector, service.labels):
                    break
        else:
            yield Problem(monitor.spec["selector_span"], f"{monitor.label} selects no Service", path=path)
