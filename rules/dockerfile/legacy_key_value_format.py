"""``ENV key value`` instead of ``ENV key=value``."""

from lintkit.model import Edit, Example, Fix, Problem, Span, rule


@rule(
    id="DF073",
    name="legacy-key-value-format",
    severity="style",
    summary="`ENV key value` / `LABEL key value`: use `key=value`",
    rationale=(
        "The space-separated form takes the whole rest of the line as one value, so "
        "`ENV A 1 B 2` sets A to `1 B 2`; the `key=value` form is unambiguous."
    ),
    tags=("style", "reliability"),
    aliases=("buildkit:LegacyKeyValueFormat",),
    fix="safe",
    examples=(
        Example(
            bad="FROM alpine:3.20\nENV APP_HOME /app\n",
            good="FROM alpine:3.20\nENV APP_HOME=/app\n",
            filename="Dockerfile",
        ),
    ),
)
def check(dockerfile, ctx):
    for instruction in dockerfile.instructions_named("ENV", "LABEL"):
        for pair in instruction.pairs:
            if pair.legacy:
                yield Problem(
                    pair.span, f"Use {instruction.keyword} {pair.name}=<value> instead of a space", _fix(pair)
                )


def _fix(pair) -> Fix | None:
    """``KEY value`` -> ``KEY=value``, quoting a value with spaces; a value with quotes or
    escapes of its own, or continued over lines, is left to the author."""
    value = pair.value_token
    if value is None or any(c in value.raw for c in "\"'`") or value.span.line != value.span.end_line:
        return None
    text = value.raw.strip()
    if not text:
        return None
    key = pair.key.span
    span = Span(key.end_line, key.end_column, value.span.end_line, value.span.end_column)
    written = f'"{text}"' if any(c.isspace() for c in text) else text
    return Fix("use key=value", (Edit(span, "=" + written),))
