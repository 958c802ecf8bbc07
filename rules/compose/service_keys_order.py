"""Keys inside a service in the canonical order."""

from lintkit.model import Example, Fix, Problem, rule

from lintkit.yamledit import reorder

from ._order import SERVICE_KEY_GROUPS

GROUPED = [key for group in SERVICE_KEY_GROUPS for key in group]


@rule(
    id="DC017",
    name="service-keys-order",
    severity="style",
    summary="Keys inside a service are not in the canonical order",
    rationale=(
        "A house style from dclint: image and build first, then dependencies, data, "
        "environment, networking, runtime, metadata and security keys, the rest "
        "alphabetically, so every service reads the same way. Off by default."
    ),
    tags=("style",),
    aliases=("dclint:service-keys-order",),
    enabled=False,
    fix="safe",
    examples=(
        Example(
            bad="services:\n  web:\n    ports:\n      - '127.0.0.1:80:80'\n    image: nginx:1.27\n",
            good="services:\n  web:\n    image: nginx:1.27\n    ports:\n      - '127.0.0.1:80:80'\n",
            filename="docker-compose.yml",
        ),
    ),
)
def check(compose, ctx):
    for service in compose.services:
        node = service.node
        # Only the keys written in this mapping, in source order: keys a `<<:` merge
        # brings in are written (and ordered) where their anchor is.
        inside = [k for k in node if node.span.line <= node.key_span(k).line <= node.span.end_line]
        keys = [str(k) for k in sorted(inside, key=lambda k: (node.key_span(k).line, node.key_span(k).column))]
        order = GROUPED + sorted(k for k in keys if k not in GROUPED)
        rank = {k: i for i, k in enumerate(order)}
        previous = -1
        fix = None
        for key in keys:
            position = rank[key]
            if position < previous:
                if fix is None and len(inside) == len(node):
                    edits = reorder(compose.source, node, sorted(node, key=lambda k: rank[str(k)]))
                    fix = Fix("put the keys in order", edits) if edits else None
                yield Problem(node.key_span(key), f"key {key!r} of service {service.name!r} belongs before the key above it", fix)
            previous = position
