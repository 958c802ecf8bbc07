"""git-sync with an overridable git binary."""

from lintkit.model import Example, Problem, rule

_POD = """\
apiVersion: v1
kind: Pod
metadata:
  name: docs
spec:
  containers:
    - name: git-sync
      image: registry.k8s.io/git-sync/git-sync:v4.2.4
      env:
        - {name: NAME, value: /usr/bin/git}
"""


@rule(
    id="K8105",
    name="git-sync-injection",
    severity="error",
    summary="git-sync configured with GITSYNC_GIT (command injection)",
    rationale=(
        "git-sync runs whatever binary GITSYNC_GIT names; anyone able to edit the workload's "
        "environment (or a ConfigMap feeding it) gets code execution with the pod's service "
        "account, which in ingress-nginx setups could read every Secret (CVE-2025-1097 family)."
    ),
    tags=("security",),
    aliases=("CKV_K8S_159",),
    examples=(
        Example(
            bad=_POD.replace("NAME", "GITSYNC_GIT"), good=_POD.replace("NAME", "GITSYNC_ROOT"), filename="pod.yaml"
        ),
    ),
)
def check(manifest, ctx):
    for container in manifest.containers():
        for variable in container.env:
            if variable.get("name") == "GITSYNC_GIT":
                yield Problem(variable.value_span("name"), f"{container.label} lets GITSYNC_GIT choose the git binary")
