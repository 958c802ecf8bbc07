"""The same key twice in a list-form ``environment:``."""

from lintkit.model import Example, Problem, rule


@rule(
    id="DC044",
    name="no-duplicate-env-keys",
    severity="warning",
    summary="Same key twice in environment",
    rationale=(
        "In list form (`- KEY=value`) nothing stops a key from appearing twice, and the "
        "last one silently wins: the first value, often the one someone just edited, is "
        "ignored. (A duplicated key in mapping form is reported as duplicate-key.)"
    ),
    tags=("reliability",),
    examples=(
        Example(
            bad="services:\n  app:\n    image: app:1.0\n    environment:\n      - MODE=dev\n      - MODE=prod\n",
            good="services:\n  app:\n    image: app:1.0\n    environment:\n      - MODE=prod\n",
            filename="docker-compose.yml",
        ),
    ),
)
def check(compose, ctx):
    for service in compose.services:
        if not isinstance(service.node.get("environment"), list):
            continue
        seen: dict[str, int] = {}
        for name, _value, name_span, _value_span in service.environment():
            if name in seen:
                yield Problem(name_span, f"service {service.name!r} sets {name} twice (first on line {seen[name]}); the last wins")
            else:
                seen[name] = name_span.line
