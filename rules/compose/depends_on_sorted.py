"""depends_on entries in alphabetical order."""

from lintkit.model import Example, Fix, Problem, rule

from lintkit.yamledit import reorder

from ._order import text_key


@rule(
    id="DC015",
    name="depends-on-sorted",
    severity="style",
    summary="depends_on entries are not in alphabetical order",
    rationale="A house style from dclint: sorted dependencies read and diff better. Off by default.",
    tags=("style",),
    aliases=("dclint:service-dependencies-alphabetical-order",),
    enabled=False,
    fix="safe",
    examples=(
        Example(
            bad="services:\n  web:\n    image: nginx:1.27\n    depends_on: [redis, db]\n  db:\n    image: postgres:16.4\n  redis:\n    image: redis:7.4\n",
            good="services:\n  web:\n    image: nginx:1.27\n    depends_on: [db, redis]\n  db:\n    image: postgres:16.4\n  redis:\n    image: redis:7.4\n",
            filename="docker-compose.yml",
        ),
    ),
)
def check(compose, ctx):
    for service in compose.services:
        depends = service.node.get("depends_on")
        if not isinstance(depends, (list, dict)):
            continue
        names = [str(n) for n in depends]
        if names != sorted(names, key=text_key):
            keys = list(depends) if isinstance(depends, dict) else list(range(len(depends)))
            order = sorted(keys, key=lambda k: text_key(k if isinstance(depends, dict) else depends[k]))
            edits = reorder(compose.source, depends, order)
            fix = Fix("sort depends_on", edits) if edits else None
            yield Problem(service.node.key_span("depends_on"), f"depends_on of {service.name!r} is not sorted: {', '.join(names)}", fix)
