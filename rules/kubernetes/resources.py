"""Shared check for the CPU/memory request and limit rules."""

from lintkit.model import Problem

UNITS = {"cpu": "CPU", "memory": "memory"}

POD = """\
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      image: nginx:1.27.2
      resources:
        requests: {cpu: 100m, memory: 128Mi}
        limits: {cpu: 500m, memory: 256Mi}
"""


def missing_resource(manifest, section: str, resource: str):
    """Containers without ``resources.<section>.<resource>``. A request left unset while
    the limit is set defaults to the limit, so it is not missing."""
    noun = "request" if section == "requests" else "limit"
    for container in manifest.containers():
        if container.list_name == "ephemeralContainers":
            continue  # ephemeral containers may not set resources at all
        if container.pod.obj.is_patch:
            continue  # a patch leaves the resources it does not set to its base
        if _set(container.resource(section, resource)):
            continue
        if section == "requests" and _set(container.resource("limits", resource)):
            continue
        where = container.node.key_span("resources") if container.resources is not None else container.name_span()
        yield Problem(where, f"{container.label} has no {UNITS[resource]} {noun}")


def _set(value) -> bool:
    return value is not None and value != ""
