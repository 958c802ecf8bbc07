"""Shared check for the liveness and readiness probe rules."""

from lintkit.model import Problem


def missing_probe(manifest, field: str, what: str):
    """Long-running containers (not init containers, not Jobs/CronJobs, whose pods exit
    by design) without the probe, or with an empty one."""
    for obj, pod in manifest.workloads():
        if pod.is_batch or obj.is_patch:  # a patch leaves its probes to the base
            continue
        for container in pod.app_containers():
            probe = container.node.get(field)
            if probe:
                continue
            if field in container.node:
                yield Problem(container.node.key_span(field), f"{container.label} has an empty {field} ({what})")
            else:
                yield Problem(container.name_span(), f"{container.label} has no {field} ({what})")


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
