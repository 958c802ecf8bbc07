"""Two containers of one pod with the same name."""

from lintkit.model import Example, Problem, rule

_POD = """\
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  initContainers:
    - name: NAME
      image: busybox:1.36
  containers:
    - name: web
      image: nginx:1.27.2
"""


@rule(
    id="K8049",
    name="unique-container-names",
    severity="error",
    summary="Two containers of one pod share a name",
    rationale=(
        "Container names must be unique across a pod's containers, init containers and "
        "ephemeral containers: the API server rejects the pod (and with it the whole "
        "Deployment rollout)."
    ),
    tags=("reliability",),
    examples=(Example(bad=_POD.replace("NAME", "web"), good=_POD.replace("NAME", "migrate"), filename="pod.yaml"),),
)
def check(manifest, ctx):
    for obj, pod in manifest.workloads():
        seen = {}
        for container in pod.containers:
            name = container.node.get("name")
            if not isinstance(name, str):
                continue
            if name in seen:
                yield Problem(
                    container.name_span(), f"{obj.label} has two containers named {name!r} (first on line {seen[name]})"
                )
            else:
                seen[name] = container.name_span().line
