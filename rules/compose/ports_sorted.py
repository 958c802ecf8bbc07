"""ports entries in order."""

from lintkit.model import Example, Fix, Problem, rule

from lintkit.yamledit import reorder
from lintkit.yamlmodel import YSeq

from ._order import natural_key


@rule(
    id="DC016",
    name="ports-sorted",
    severity="style",
    summary="ports entries are not in order",
    rationale="A house style from dclint: ports sorted by host port read and diff better. Off by default.",
    tags=("style",),
    aliases=("dclint:service-ports-alphabetical-order",),
    enabled=False,
    fix="safe",
    examples=(
        Example(
            bad="services:\n  web:\n    image: nginx:1.27\n    ports:\n      - '127.0.0.1:443:443'\n      - '127.0.0.1:80:80'\n",
            good="services:\n  web:\n    image: nginx:1.27\n    ports:\n      - '127.0.0.1:80:80'\n      - '127.0.0.1:443:443'\n",
            filename="docker-compose.yml",
        ),
    ),
)
def check(compose, ctx):
    for service in compose.services:
        keys = [spec.published or spec.target for spec, _span, _item in service.ports()]
        if len(keys) > 1 and keys != sorted(keys, key=natural_key):
            ports = service.node.get("ports")
            fix = None
            if isinstance(ports, YSeq) and len(ports) == len(keys):
                edits = reorder(compose.source, ports, sorted(range(len(keys)), key=lambda i: natural_key(keys[i])))
                fix = Fix("sort the ports", edits) if edits else None
            yield Problem(service.node.key_span("ports"), f"ports of {service.name!r} are not sorted: {', '.join(keys)}", fix)
