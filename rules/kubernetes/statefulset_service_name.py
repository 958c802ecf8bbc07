"""StatefulSets without a governing headless Service."""

from lintkit.model import Example, Problem, rule

from . import inventory

_FILES = """\
apiVersion: v1
kind: Service
metadata:
  name: db
spec:
  clusterIP: CLUSTER_IP
  selector: {app: db}
  ports: [{port: 5432}]
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  selector:
    matchLabels: {app: db}
  template:
    metadata:
      labels: {app: db}
    spec:
      containers:
        - {name: db, image: "postgres:17.2"}
"""


@rule(
    id="K8077",
    name="statefulset-service-name",
    severity="warning",
    summary="StatefulSet serviceName missing or not a headless Service",
    rationale=(
        "A StatefulSet's pods get their stable DNS names (db-0.db) from the headless Service "
        "named by `serviceName`. Without it, or with a Service that has a cluster IP, peers "
        "cannot address each other by name."
    ),
    tags=("reliability",),
    aliases=("kube-score:statefulset-has-servicename",),
    examples=(
        Example(
            bad=_FILES.replace("CLUSTER_IP", "10.0.0.12"), good=_FILES.replace("CLUSTER_IP", "None"), filename="db.yaml"
        ),
    ),
    collect=inventory.FACTS,
)
def check(run, ctx):
    for path, obj in run.of_kind("StatefulSet"):
        name = obj.spec.get("service_name")
        if not name:
            yield Problem(
                obj.spec["service_span"],
                f"{obj.label} names no serviceName (no stable DNS names for its pods)",
                path=path,
            )
            continue
        services = run.find("Service", name, obj.namespace)
        if services and not any(s.spec.get("cluster_ip") == "None" for _p, s in services):
            yield Problem(
                obj.spec["service_span"], f"{obj.label}: Service {name} is not headless (clusterIP: None)", path=path
            )
