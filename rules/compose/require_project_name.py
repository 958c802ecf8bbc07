"""A top-level ``name:`` for the Compose project."""

from lintkit.model import Example, Problem, Span, rule


@rule(
    id="DC005",
    name="require-project-name",
    severity="info",
    summary="Top-level name: (the project name) is missing",
    rationale=(
        "Without `name:`, Compose names the project after the folder the file is in, so the "
        "same file run from two checkouts creates two sets of containers, networks and "
        "volumes, and renaming the folder orphans the old ones. Off by default: many "
        "projects rely on the folder name on purpose."
    ),
    tags=("maintainability",),
    aliases=("dclint:require-project-name-field",),
    enabled=False,
    examples=(
        Example(
            bad="services:\n  web:\n    image: nginx:1.27\n",
            good="name: shop\nservices:\n  web:\n    image: nginx:1.27\n",
            filename="docker-compose.yml",
        ),
    ),
)
def check(compose, ctx):
    if compose.legacy_v1 or compose.is_override or "name" in compose.root or not compose.root:
        return
    first = next(iter(compose.root))
    span = compose.root.key_span(first)
    yield Problem(Span(span.line, span.column, span.line, span.end_column), "no top-level `name:`; the project is named after the folder")
