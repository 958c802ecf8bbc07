"""Port names Kubernetes rejects, and duplicate container ports."""

import re

from lintkit.model import Example, Problem, rule
from lintkit.parsers.kubernetes import items_of

_POD = """\
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      image: nginx:1.27.2
      ports:
        - {name: NAME, containerPort: 8080}
"""
#: IANA service name: 1-15 lowercase letters, digits and inner single dashes, with a letter.
_SERVICE_NAME = re.compile(r"[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9]))*")


_DNS_LABEL = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")


def name_problem(name: str) -> str | None:
    """What makes ``name`` an invalid container port name (an IANA service name)."""
    if len(name) > 15:
        return "is longer than 15 characters"
    if not _SERVICE_NAME.fullmatch(name):
        return "may only hold lowercase letters, digits and single inner dashes"
    if not any(c.isalpha() for c in name):
        return "must contain a letter"
    return None


@rule(
    id="K8063",
    name="valid-port-names",
    severity="error",
    summary="Port or targetPort names that Kubernetes rejects, or used twice in a container",
    rationale=(
        "Container port names (and the targetPort names that refer to them) must be IANA "
        "service names, at most 15 lowercase letters, digits and dashes with a letter; Service "
        "port names must be DNS labels. The API server rejects `http_api` or, on a "
        "container, `metrics-endpoint-port`. Two ports of one container with the same name "
        "are rejected too."
    ),
    tags=("reliability",),
    aliases=("kube-linter:invalid-target-ports", "kube-score:container-ports-check"),
    examples=(
        Example(bad=_POD.replace("NAME", "http_api"), good=_POD.replace("NAME", "http-api"), filename="pod.yaml"),
    ),
)
def check(manifest, ctx):
    for container in manifest.containers():
        names = set()
        for port in container.ports:
            name = port.get("name")
            if isinstance(name, str):
                problem = name_problem(name)
                if problem:
                    yield Problem(port.value_span("name"), f"{container.label}: port name {name!r} {problem}")
                elif name in names:
                    yield Problem(port.value_span("name"), f"{container.label} names two ports {name!r}")
                names.add(name)
    for obj in manifest.of_kind("Service"):
        for port in items_of(obj.spec.get("ports")):
            name = port.get("name")
            if isinstance(name, str) and not _DNS_LABEL.fullmatch(name):
                yield Problem(
                    port.value_span("name"),
                    f"{obj.label}: port name {name!r} is not a DNS label "
                    "(at most 63 lowercase letters, digits and inner dashes)",
                )
            target = port.get("targetPort")
            if isinstance(target, str) and not target.isdigit():
                problem = name_problem(target)
                if problem:
                    yield Problem(port.value_span("targetPort"), f"{obj.label}: targetPort {target!r} {problem}")
