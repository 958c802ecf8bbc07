"""Label keys and values the API server rejects."""

import re
from functools import lru_cache

from lintkit.model import Example, Problem, rule
from lintkit.parsers.kubernetes import dig

_NAME = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9._-]{0,61}[A-Za-z0-9])?")
_DNS_SUBDOMAIN = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*")
_POD = """\
apiVersion: v1
kind: Pod
metadata:
  name: web
  labels:
    app: web
    LABEL
spec:
  containers:
    - {name: web, image: "nginx:1.27.2"}
"""


def value_problem(value) -> str | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        return f"is a {type(value).__name__}, not a string (quote it)"
    return _string_value_problem(value)


@lru_cache(maxsize=4096)
def _string_value_problem(value: str) -> str | None:
    if len(value) > 63:
        return "is longer than 63 characters"
    if not _NAME.fullmatch(value):
        return "must start and end with a letter or digit and hold only letters, digits, '-', '_' and '.'"
    return None


def key_problem(key) -> str | None:
    if not isinstance(key, str):
        return "is not a string"
    return _string_key_problem(key)


@lru_cache(maxsize=4096)
def _string_key_problem(key: str) -> str | None:
    prefix, slash, name = key.rpartition("/")
    if slash and (len(prefix) > 253 or not _DNS_SUBDOMAIN.fullmatch(prefix)):
        return "has a prefix that is not a DNS subdomain"
    if not name or len(name) > 63 or not _NAME.fullmatch(name):
        return "has a name part that is empty, too long or has invalid characters"
    return None


@rule(
    id="K8086",
    name="valid-label-values",
    severity="error",
    summary="Label keys or values that Kubernetes would reject",
    rationale=(
        "Label values are at most 63 characters of letters, digits, `-`, `_` and `.`, starting "
        "and ending with a letter or digit; keys add an optional DNS-subdomain prefix. The API "
        "server rejects anything else (a version like `1.2.3+build`, a URL, a space), and "
        "YAML turns unquoted `true` or `1.10` into non-strings."
    ),
    tags=("reliability",),
    aliases=("kube-score:label-values",),
    examples=(
        Example(
            bad=_POD.replace("LABEL", "version: 1.2.3+build.4"),
            good=_POD.replace("LABEL", "version: 1.2.3"),
            filename="pod.yaml",
        ),
    ),
)
def check(manifest, ctx):
    for obj in manifest.objects:
        maps = [("", obj.labels)]
        pod = obj.pod
        if pod is not None and pod.template is not obj.node:
            maps.append(("pod template ", pod.labels))
        selector = dig(obj.spec, "selector", "matchLabels")
        if isinstance(selector, dict):
            maps.append(("selector ", selector))
        for what, labels in maps:
            for key, value in labels.items():
                problem = key_problem(key)
                if problem:
                    yield Problem(labels.key_span(key), f"{obj.label}: {what}label key {key!r} {problem}")
                problem = value_problem(value)
                if problem:
                    yield Problem(labels.value_span(key), f"{obj.label}: {what}label {key}={value!r} {problem}")
