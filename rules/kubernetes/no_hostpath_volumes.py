"""hostPath volumes (of folders that are not sensitive in themselves)."""

from lintkit.model import Example, Problem, rule

from .hostpaths import RUNTIME_SOCKETS, SENSITIVE_PATHS, host_path_volumes

_POD = """\
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  volumes:
    - name: data
      VOLUME
  containers:
    - name: web
      image: nginx:1.27.2
"""


@rule(
    id="K8035",
    name="no-hostpath-volumes",
    severity="warning",
    summary="Pod uses a hostPath volume",
    rationale=(
        "hostPath ties the pod to one node's disk, survives the pod with whatever it wrote, "
        "and is the usual first step of a container escape (symlinks, writable host files). "
        "Use a PersistentVolumeClaim, an emptyDir or a configMap/secret volume. Critical "
        "folders and runtime sockets are reported by their own, stricter rules."
    ),
    tags=("security",),
    aliases=("polaris:hostPathSet", "KSV023", "KSV028"),
    examples=(
        Example(
            bad=_POD.replace("VOLUME", "hostPath: {path: /data/web}"),
            good=_POD.replace("VOLUME", "emptyDir: {}"),
            filename="pod.yaml",
        ),
    ),
)
def check(manifest, ctx):
    for obj, pod in manifest.workloads():
        for volume, _host_path, path in host_path_volumes(pod):
            if path in SENSITIVE_PATHS or path in RUNTIME_SOCKETS:
                continue
            yield Problem(volume.key_span("hostPath"), f"{obj.label} mounts host path {path}")
