"""Secrets injected as environment variables."""

from lintkit.model import Example, Problem, rule
from lintkit.parsers.kubernetes import mapping

_POD = """\
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  volumes:
    - {name: db, secret: {secretName: db}}
  containers:
    - name: web
      image: nginx:1.27.2
      SOURCE
"""


@rule(
    id="K8045",
    name="prefer-secret-volumes",
    severity="info",
    summary="Secret exposed as environment variables rather than mounted as files",
    rationale=(
        "Environment variables leak: child processes inherit them, crash reporters and debug "
        "pages print them, and they cannot be rotated without a restart. A Secret mounted as "
        "a volume stays in one file with tight permissions and is updated in place."
    ),
    tags=("security",),
    aliases=("CKV_K8S_35", "kube-linter:read-secret-from-env-var"),
    examples=(
        Example(
            bad=_POD.replace("SOURCE", "envFrom:\n        - secretRef: {name: db}"),
            good=_POD.replace("SOURCE", "volumeMounts:\n        - {name: db, mountPath: /etc/db, readOnly: true}"),
            filename="pod.yaml",
        ),
    ),
)
def check(manifest, ctx):
    for container in manifest.containers():
        for variable in container.env:
            value_from = mapping(variable.get("valueFrom"))
            if value_from is not None and "secretKeyRef" in value_from:
                secret = (mapping(value_from["secretKeyRef"]) or {}).get("name", "?")
                yield Problem(
                    value_from.key_span("secretKeyRef"),
                    f"{container.label} reads Secret {secret} into environment variable {variable.get('name')}",
                )
        for source in container.env_from:
            if "secretRef" in source:
                secret = (mapping(source["secretRef"]) or {}).get("name", "?")
                yield Problem(
                    source.key_span("secretRef"), f"{container.label} loads all of Secret {secret} into its environment"
                )
