"""Credentials stored in a ConfigMap."""

from lintkit.model import Example, Problem, rule
from lintkit.secrets import looks_like_secret, mask

_CONFIGMAP = """\
apiVersion: v1
kind: ConfigMap
metadata:
  name: web
data:
  log_level: info
  ENTRY
"""


@rule(
    id="K8046",
    name="no-secrets-in-configmap",
    severity="error",
    summary="Credential-looking entry stored in a ConfigMap",
    rationale=(
        "ConfigMaps are not meant for secrets: RBAC roles commonly let many people and "
        "controllers read them, they are not encrypted at rest by default, and they show up "
        "in plain text in `kubectl describe`. Move credentials to a Secret."
    ),
    tags=("security",),
    reports_secrets=True,
    aliases=("polaris:sensitiveConfigmapContent", "KSV-0109", "KSV-01010"),
    examples=(
        Example(
            bad=_CONFIGMAP.replace("ENTRY", "db_password: hunter2hunter2"),
            good=_CONFIGMAP.replace("ENTRY", "db_password_file: /etc/db/password"),
            filename="configmap.yaml",
        ),
    ),
)
def check(manifest, ctx):
    for obj in manifest.of_kind("ConfigMap"):
        data = obj.node.get("data")
        if not isinstance(data, dict):
            continue
        for key, value in data.items():
            if isinstance(key, str) and isinstance(value, str) and "\n" not in value and looks_like_secret(key, value):
                span = data.value_span(key)
                yield Problem(span, f"{obj.label} stores {key} in plain text ({mask(value)}); use a Secret", secret_spans=(span,))
