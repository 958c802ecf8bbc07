"""The obsolete top-level ``version:`` key."""

from lintkit.model import Edit, Example, Fix, Problem, Span, rule


@rule(
    id="DC002",
    name="no-version-field",
    severity="info",
    summary="Obsolete top-level version: key",
    rationale=(
        "The Compose Specification ignores `version:`; Docker Compose v2 warns that it is "
        "obsolete. It suggests a file format that no longer exists and misleads readers "
        "about which features are available."
    ),
    tags=("maintainability",),
    aliases=("dclint:no-version-field",),
    fix="safe",
    examples=(
        Example(
            bad="version: '3.8'\nservices:\n  web:\n    image: nginx:1.27\n",
            good="services:\n  web:\n    image: nginx:1.27\n",
            filename="docker-compose.yml",
        ),
    ),
)
def check(compose, ctx):
    root = compose.root
    if "version" not in root or compose.legacy_v1:
        return
    key = root.key_span("version")
    value = root.value_span("version")
    # The whole line goes: the key starts it and the value ends it.
    removal = Span(key.line, 1, value.end_line + 1, 1)
    yield Problem(
        key,
        f"`version: {root['version']}` is obsolete; the Compose Specification ignores it",
        fix=Fix("remove the version key", (Edit(removal, ""),)),
    )
