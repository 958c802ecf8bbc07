"""Volumes of ConfigMaps, Secrets or PersistentVolumeClaims that are not defined."""

from lintkit.model import Example, rule

from . import inventory
from .references import missing_references

_FILES = """\
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data
spec:
  accessModes: [ReadWriteOnce]
  resources: {requests: {storage: 1Gi}}
---
apiVersion: v1
kind: Pod
metadata:
  name: db
spec:
  volumes:
    - {name: data, persistentVolumeClaim: {claimName: NAME}}
  containers:
    - name: db
      image: postgres:17.2
      volumeMounts: [{name: data, mountPath: /var/lib/postgresql/data}]
"""


@rule(
    id="K8039",
    name="volume-ref-exists",
    severity="warning",
    summary="Volume refers to a ConfigMap, Secret or PersistentVolumeClaim that is not defined",
    rationale=(
        "A pod mounting a missing ConfigMap, Secret or PersistentVolumeClaim stays in "
        "ContainerCreating (or Pending) forever unless the volume is `optional: true`. "
        "Reported when the referring folder defines objects of that kind."
    ),
    tags=("reliability",),
    examples=(Example(bad=_FILES.replace("NAME", "db-data"), good=_FILES.replace("NAME", "data"), filename="db.yaml"),),
    collect=inventory.FACTS,
)
def check(run, ctx):
    yield from missing_references(run, ("ConfigMap", "Secret", "PersistentVolumeClaim"), ("volume",))
