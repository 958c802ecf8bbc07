"""``FROM image as name`` with the keywords in different cases."""

from lintkit.model import Edit, Example, Fix, Problem, rule


@rule(
    id="DF070",
    name="from-as-casing",
    severity="style",
    summary="`AS` in FROM is not cased like the FROM keyword",
    rationale="BuildKit's FromAsCasing check: write `FROM x AS y` (or `from x as y`).",
    tags=("style",),
    aliases=("buildkit:FromAsCasing",),
    fix="safe",
    examples=(
        Example(
            bad="FROM alpine:3.20 as build\n",
            good="FROM alpine:3.20 AS build\n",
            filename="Dockerfile",
        ),
    ),
)
def check(dockerfile, ctx):
    for stage in dockerfile.stages:
        instruction = stage.from_instruction
        if len(instruction.args) < 3 or instruction.args[1].value.lower() != "as":
            continue
        keyword, as_word = instruction.keyword_raw, instruction.args[1].value
        if keyword.isupper() != as_word.isupper():
            expected = "AS" if keyword.isupper() else "as"
            span = instruction.args[1].span
            yield Problem(span, f"Write `{expected}` to match `{keyword}`", Fix(f"write {expected}", (Edit(span, expected),)))
