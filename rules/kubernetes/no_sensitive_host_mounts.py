"""hostPath volumes of critical host folders."""

from lintkit.model import Example, Problem, rule

from .hostpaths import SENSITIVE_PATHS, host_path_volumes, mounts_of

_POD = """\
apiVersion: v1
kind: Pod
metadata:
  name: agent
spec:
  volumes:
    - name: host
      hostPath: {path: PATH}
  containers:
    - name: agent
      image: agent:1.2.3
      volumeMounts:
        - {name: host, mountPath: /host, readOnly: true}
"""


@rule(
    id="K8036",
    name="no-sensitive-host-mounts",
    severity="error",
    summary="hostPath volume of a critical host folder (/, /etc, /proc, /var/lib/kubelet, ...)",
    rationale=(
        "Mounting the node's root, /etc, /proc, /sys or the kubelet's folder hands the pod "
        "the node: credentials, other pods' secrets, kernel settings. Read-only helps only "
        "for some of them (secrets can still be read)."
    ),
    tags=("security",),
    aliases=("kube-linter:sensitive-host-mounts", "kube-linter:writable-host-mount", "KSV121"),
    examples=(
        Example(bad=_POD.replace("PATH", "/"), good=_POD.replace("PATH", "/var/log/agent"), filename="pod.yaml"),
    ),
)
def check(manifest, ctx):
    for obj, pod in manifest.workloads():
        for volume, host_path, path in host_path_volumes(pod):
            if path not in SENSITIVE_PATHS:
                continue
            writable = [c.name for c, mount in mounts_of(pod, volume.get("name")) if mount.get("readOnly") is not True]
            how = f", writable by {', '.join(map(repr, writable))}" if writable else ""
            yield Problem(
                host_path.value_span("path"), f"{obj.label} mounts host path {path}, {SENSITIVE_PATHS[path]}{how}"
            )
