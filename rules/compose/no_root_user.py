"""``user:`` explicitly root."""

from lintkit.model import Example, Problem, rule
from lintkit.numbers import decimal


@rule(
    id="DC047",
    name="no-root-user",
    severity="warning",
    summary="Service explicitly runs as root",
    rationale=(
        "`user: root` (or `0`) overrides a non-root USER the image chose, so the process "
        "runs as UID 0 and any escape or write to a mounted path happens as root. Run as "
        "the image's user, or a numeric non-root UID."
    ),
    tags=("security",),
    aliases=("compose-lint:CL-0018",),
    examples=(
        Example(
            bad="services:\n  app:\n    image: app:1.0\n    user: root\n",
            good="services:\n  app:\n    image: app:1.0\n    user: '1000:1000'\n",
            filename="docker-compose.yml",
        ),
    ),
)
def check(compose, ctx):
    for service in compose.services:
        if "user" not in service.node:
            continue
        text = compose.resolved_text(service.node["user"])
        if text is None:
            continue
        user = text.strip().lower().partition(":")[0]
        if user == "root" or decimal(user[1:] if user[:1] in ("+", "-") else user) == 0:
            yield Problem(service.node.value_span("user"), f"service {service.name!r} runs as root (`user: {text}`)")
