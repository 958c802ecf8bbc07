"""``ENV key value`` instead of ``ENV key=value``."""

from lintkit.model import Example, Problem, rule


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
                    pair.span, f"Use {instruction.keyword} {pair.name}=<value> instead of a space"
                )
