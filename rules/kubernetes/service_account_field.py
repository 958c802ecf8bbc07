"""The deprecated serviceAccount field."""

from lintkit.model import Edit, Example, Fix, Problem, rule
from lintkit.yamledit import remove_entry

_POD = """\
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  FIELD: web
  containers:
    - name: web
      image: nginx:1.27.2
"""


@rule(
    id="K8042",
    name="service-account-field",
    severity="warning",
    summary="Deprecated `serviceAccount` field used instead of `serviceAccountName`",
    rationale=(
        "`serviceAccount` is a deprecated alias of `serviceAccountName`. When both are set and "
        "differ, which one wins depends on the API version and the tool that applied the "
        "object. Use `serviceAccountName` only."
    ),
    tags=("maintainability",),
    aliases=("kube-linter:deprecated-service-account-field",),
    fix="safe",
    examples=(
        Example(
            bad=_POD.replace("FIELD", "serviceAccount"),
            good=_POD.replace("FIELD", "serviceAccountName"),
            filename="pod.yaml",
        ),
    ),
)
def check(manifest, ctx):
    for obj, pod in manifest.workloads():
        if "serviceAccount" not in pod.node:
            continue
        name = pod.node.get("serviceAccountName")
        fix = None
        if name is not None and name != pod.node["serviceAccount"]:
            message = f"{obj.label} sets serviceAccount ({pod.node['serviceAccount']}) and serviceAccountName ({name}) to different accounts"
        else:
            message = f"{obj.label} uses the deprecated serviceAccount field; use serviceAccountName"
            if name is None:
                fix = Fix("rename to serviceAccountName", (Edit(pod.node.key_span("serviceAccount"), "serviceAccountName"),))
            else:
                edit = remove_entry(manifest.source, pod.node, "serviceAccount")
                fix = Fix("drop the duplicate serviceAccount", (edit,)) if edit else None
        yield Problem(pod.node.key_span("serviceAccount"), message, fix)
