"""Environment variables read from ConfigMaps or Secrets that are not defined."""

from lintkit.model import Example, rule

from . import inventory
from .references import missing_references

_FILES = """\
apiVersion: v1
kind: ConfigMap
metadata:
  name: web-config
data:
  LOG_LEVEL: info
---
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      image: nginx:1.27.2
      env:
        - name: LOG_LEVEL
          valueFrom: {configMapKeyRef: {name: NAME, key: LOG_LEVEL}}
"""


@rule(
    id="K8047",
    name="env-ref-exists",
    severity="warning",
    summary="env/envFrom refers to a ConfigMap or Secret (or key) that is not defined",
    rationale=(
        "A pod whose environment reads a missing ConfigMap or Secret, or a missing key of one, "
        "never starts (CreateContainerConfigError) unless the reference is `optional: true`. "
        "Reported when the referring folder defines objects of that kind (kustomize "
        "generators, SealedSecrets, ExternalSecrets and cert-manager Certificates count as "
        "defining them)."
    ),
    tags=("reliability",),
    aliases=("kube-linter:env-value-from",),
    examples=(
        Example(
            bad=_FILES.replace("NAME", "web-settings"), good=_FILES.replace("NAME", "web-config"), filename="web.yaml"
        ),
    ),
    collect=inventory.FACTS,
)
def check(run, ctx):
    yield from missing_references(run, ("ConfigMap", "Secret"), ("env", "envFrom"))
