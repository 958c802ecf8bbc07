"""Shared check for the liveness and readiness probe rules."""

from lintkit.model import Problem


def missing_probe(manifest, field: str, what: str):
    for container in manifest.containers():
        if container.list_name != "containers" or field in container.node:
            continue
        yield Problem(
            container.name_span(),
            f"container {container.name!r} of {container.pod.obj.label} has no {field} ({what})",
        )


POD_WITHOUT_PROBES = """\
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      image: nginx:1.27.2
"""
