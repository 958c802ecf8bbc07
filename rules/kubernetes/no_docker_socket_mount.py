"""The container runtime's socket mounted into a pod."""

from lintkit.model import Example, Problem, rule

from .hostpaths import RUNTIME_SOCKETS, host_path_volumes

_POD = """\
apiVersion: v1
kind: Pod
metadata:
  name: agent
spec:
  volumes:
    - name: socket
      hostPath: {path: PATH}
  containers:
    - name: agent
      image: agent:1.2.3
      volumeMounts:
        - {name: socket, mountPath: /var/run/docker.sock}
"""


@rule(
    id="K8037",
    name="no-docker-socket-mount",
    severity="error",
    summary="Container runtime socket (docker.sock, containerd.sock) mounted into a pod",
    rationale=(
        "Whoever can talk to the runtime socket can start a privileged container with the "
        "node's root filesystem mounted: it is root on the node, and it bypasses every "
        "admission control of the cluster."
    ),
    tags=("security",),
    aliases=("CKV_K8S_27", "kube-linter:docker-sock", "KSV006"),
    examples=(
        Example(
            bad=_POD.replace("PATH", "/var/run/docker.sock"),
            good=_POD.replace("PATH", "/srv/agent"),
            filename="pod.yaml",
        ),
    ),
)
def check(manifest, ctx):
    for obj, pod in manifest.workloads():
        for _volume, host_path, path in host_path_volumes(pod):
            if path in RUNTIME_SOCKETS:
                yield Problem(host_path.value_span("path"), f"{obj.label} mounts {path}, {RUNTIME_SOCKETS[path]}")
