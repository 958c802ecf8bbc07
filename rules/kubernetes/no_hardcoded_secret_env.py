"""Secrets written literally in a container's environment."""

from lintkit.model import Example, Problem, rule
from lintkit.secrets import looks_like_secret, mask

_POD = """\
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      image: nginx:1.27.2
      env:
        - name: DB_PASSWORD
          VALUE
"""


@rule(
    id="K8044",
    name="no-hardcoded-secret-env",
    severity="error",
    summary="Secret-looking environment variable given a literal value",
    rationale=(
        "A password or token in an env `value:` is committed with the manifest, visible to "
        "everyone who can read the repository or `get` the workload, and printed by `kubectl "
        "describe`. Put it in a Secret and reference it (`valueFrom.secretKeyRef`), or mount it."
    ),
    tags=("security",),
    reports_secrets=True,
    aliases=("kube-linter:env-var-secret", "polaris:sensitiveContainerEnvVar"),
    examples=(
        Example(
            bad=_POD.replace("VALUE", "value: hunter2hunter2"),
            good=_POD.replace("VALUE", "valueFrom: {secretKeyRef: {name: db, key: password}}"),
            filename="pod.yaml",
        ),
    ),
)
def check(manifest, ctx):
    for container in manifest.containers():
        for variable in container.env:
            name = variable.get("name")
            value = variable.get("value")
            if isinstance(name, str) and looks_like_secret(name, value):
                span = variable.value_span("value")
                yield Problem(
                    span,
                    f"{container.label} sets {name} to a literal secret ({mask(value)}); use a secretKeyRef",
                    secret_spans=(span,),
                )
