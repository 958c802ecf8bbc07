"""Pods running as a ServiceAccount that is not defined."""

from lintkit.model import Example, rule

from . import inventory
from .references import missing_references

_FILES = """\
apiVersion: v1
kind: ServiceAccount
metadata:
  name: web
---
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  serviceAccountName: NAME
  containers:
    - {name: web, image: "nginx:1.27.2"}
"""


@rule(
    id="K8043",
    name="service-account-exists",
    severity="warning",
    summary="Pod runs as a ServiceAccount that is not defined",
    rationale=(
        "The API server refuses to create pods for a service account that does not exist: a "
        "Deployment naming one stays at zero ready replicas with a `serviceaccount not "
        "found` event. Reported when the referring folder defines ServiceAccounts."
    ),
    tags=("reliability",),
    aliases=("kube-linter:non-existent-service-account",),
    examples=(Example(bad=_FILES.replace("NAME", "website"), good=_FILES.replace("NAME", "web"), filename="web.yaml"),),
    collect=inventory.FACTS,
)
def check(run, ctx):
    yield from missing_references(run, ("ServiceAccount",), ("serviceAccountName",))
