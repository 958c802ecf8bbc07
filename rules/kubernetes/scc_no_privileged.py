"""OpenShift SecurityContextConstraints allowing privileged containers."""

from lintkit.model import Example, Problem, rule

_SCC = """\
apiVersion: security.openshift.io/v1
kind: SecurityContextConstraints
metadata:
  name: app
allowPrivilegedContainer: VALUE
runAsUser: {type: MustRunAsRange}
seLinuxContext: {type: MustRunAs}
"""


@rule(
    id="K8106",
    name="scc-no-privileged",
    severity="error",
    summary="OpenShift SecurityContextConstraints allow privileged containers",
    rationale=(
        "An SCC with `allowPrivilegedContainer: true` lets every service account it applies to "
        "start privileged containers: root on the node."
    ),
    tags=("security",),
    aliases=("kube-linter:scc-deny-privileged-container",),
    examples=(Example(bad=_SCC.replace("VALUE", "true"), good=_SCC.replace("VALUE", "false"), filename="scc.yaml"),),
)
def check(manifest, ctx):
    for obj in manifest.of_kind("SecurityContextConstraints"):
        if obj.node.get("allowPrivilegedContainer") is True:
            yield Problem(obj.node.value_span("allowPrivilegedContainer"), f"{obj.label} allows privileged containers")
