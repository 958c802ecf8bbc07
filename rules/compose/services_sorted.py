"""Services in alphabetical order."""

from lintkit.model import Example, Fix, Problem, rule

from lintkit.yamledit import reorder
from lintkit.yamlmodel import YMap

from ._order import text_key


@rule(
    id="DC014",
    name="services-sorted",
    severity="style",
    summary="Services are not in alphabetical order",
    rationale="A house style from dclint: sorted services are easier to find in long files. Off by default.",
    tags=("style",),
    aliases=("dclint:services-alphabetical-order",),
    enabled=False,
    fix="safe",
    examples=(
        Example(
            bad="services:\n  web:\n    image: nginx:1.27\n  db:\n    image: postgres:16.4\n",
            good="services:\n  db:\n    image: postgres:16.4\n  web:\n    image: nginx:1.27\n",
            filename="docker-compose.yml",
        ),
    ),
)
def check(compose, ctx):
    holder = compose.root.get("services")
    fix = None
    if isinstance(holder, YMap) and not compose.legacy_v1:
        edits = reorder(compose.source, holder, sorted(holder, key=text_key))
        fix = Fix("sort the services", edits) if edits else None
    seen = []
    for service in compose.services:
        key = text_key(service.name)
        later = [s for s in seen if text_key(s) > key]
        if later:
            before = min(later, key=text_key)
            yield Problem(service.name_span(), f"service {service.name!r} should come before {before!r}", fix)
        seen.append(service.name)
