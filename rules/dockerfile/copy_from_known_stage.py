"""``COPY --from`` naming a stage that is not defined above."""

from lintkit.model import Example, Problem, rule


@rule(
    id="DF037",
    name="copy-from-known-stage",
    severity="warning",
    summary="`COPY --from` names a stage alias that is not defined above",
    rationale=(
        "A `--from` value that is no earlier stage's alias is pulled as an image from a "
        "registry: a typo in a stage name silently becomes a download of some public image."
    ),
    tags=("reliability", "security"),
    aliases=("DL3022",),
    examples=(
        Example(
            bad="FROM golang:1.22 AS build\nFROM alpine:3.20\nCOPY --from=biuld /out /out\n",
            good="FROM golang:1.22 AS build\nFROM alpine:3.20\nCOPY --from=build /out /out\n",
            filename="Dockerfile",
        ),
    ),
)
def check(dockerfile, ctx):
    for stage in dockerfile.stages:
        earlier = {s.name for s in dockerfile.stages[: stage.index] if s.name}
        for instruction in stage.instructions_named("COPY"):
            flag = instruction.flag("from")
            if flag is None or not flag.value:
                continue
            value = flag.value
            if value.isdigit() or ":" in value or "@" in value or "$" in value:
                continue  # a stage index, a tagged image reference or a build argument
            if value.lower() not in earlier:
                yield Problem(
                    flag.span,
                    f"COPY --from={value}: no stage named {value} above "
                    "(an image reference needs a tag)",
                )
