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


def name_problem(name: str) -> str | None:
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
    summary="Port or targetPort names that Kubernetes rejects; duplicate container ports",
    rationale=(
        "Port names must be IANA service names (at most 15 lowercase letters, digits and "
        "dashes, with a letter): the API server rejects a container or Service port named "
        "`http_api` or `metrics-endpoint-port`. Two ports of one container with the same "
        "name, or the same number and protocol, are rejected too."
    ),
    tags=("reliability",),
    aliases=("kube-linter:invalid-target-ports", "kube-score:container-ports-check"),
    examples=(Example(bad=_POD.replace("NAME", "http_api"), good=_POD.replace("NAME", "http-api"), filename="pod.yaml"),),
)
def check(manifest, ctx):
    for container in manifest.containers():
        names, numbers = {}, {}
        for port in container.ports:
            name = port.get("name")
            if isinstance(name, str):
                problem = name_problem(name)
                if problem:
                    yield Problem(port.value_span("name"), f"{container.label}: port name {name!r} {problem}")
                elif name in names:
                    yield Problem(port.value_span("name"), f"{container.label} names two ports {name!r}")
                names[name] = True
            key = (port.get("containerPort"), port.get("protocol", "TCP"), port.get("hostIP"))
            if key[0] is not None and key in numbers:
                yield Problem(port.value_span("containerPort"), f"{container.label} declares port {key[0]}/{key[1]} twice")
            numbers[key] = True
    for obj in manifest.of_kind("Service"):
        for port in items_of(obj.spec.get("ports")):
            for field in ("name", "targetPort"):
                value = port.get(field)
                if isinstance(value, str) and not value.isdigit():
                    problem = name_problem(value)
                    if problem:
                        yield Problem(port.value_span(field), f"{obj.label}: {field} {value!r} {problem}")
