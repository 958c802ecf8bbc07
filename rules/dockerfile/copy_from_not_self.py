"""``COPY --from`` pointing at the stage it is in."""

from lintkit.model import Example, Problem, rule


@rule(
    id="DF038",
    name="copy-from-not-self",
    severity="error",
    summary="`COPY --from` references the stage it is in",
    rationale="A stage cannot copy from itself; the build fails with a circular dependency.",
    tags=("reliability",),
    aliases=("DL3023", "DS006"),
    examples=(
        Example(
            bad="FROM alpine:3.20 AS app\nCOPY --from=app /a /b\n",
            good="FROM alpine:3.20 AS build\nFROM alpine:3.20 AS app\nCOPY --from=build /a /b\n",
            filename="Dockerfile",
        ),
    ),
)
def check(dockerfile, ctx):
    for stage in dockerfile.stages:
        for instruction in stage.instructions_named("COPY"):
            flag = instruction.flag("from")
            if flag is None or not flag.value:
                continue
            if (stage.name and flag.value.lower() == stage.name) or flag.value == str(stage.index):
                yield Problem(flag.span, "COPY --from cannot reference its own stage")
