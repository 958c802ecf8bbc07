"""``COPY --from=<stage> /``: a whole filesystem copied."""

from lintkit.model import Example, Problem, rule


def _holds_only_artefacts(stage) -> bool:
    """A stage built FROM scratch (or on one) contains only what was copied into it; a
    stage whose base is a build argument cannot be judged."""
    return any(base.is_scratch or base.image is None for base in stage.lineage)


@rule(
    id="DF047",
    name="no-copy-whole-stage-root",
    severity="warning",
    summary="`COPY --from=<stage> /` copies an entire filesystem",
    rationale=(
        "Copying the root of another stage brings its whole filesystem (package databases, "
        "caches, /etc) into this one; copy the artefacts you need."
    ),
    tags=("performance", "security"),
    aliases=("DL3067",),
    examples=(
        Example(
            bad="FROM golang:1.22 AS build\nFROM scratch\nCOPY --from=build / /\n",
            good="FROM golang:1.22 AS build\nFROM scratch\nCOPY --from=build /out/app /app\n",
            filename="Dockerfile",
        ),
    ),
)
def check(dockerfile, ctx):
    for instruction in dockerfile.instructions_named("COPY"):
        flag = instruction.flag("from")
        if flag is None or not flag.value:
            continue
        source_stage = dockerfile.stage_named(flag.value)
        if source_stage is not None and _holds_only_artefacts(source_stage):
            continue
        for source in instruction.args[:-1]:
            if source.value in ("/", "/."):
                yield Problem(source.span, "Copy the files you need, not the stage's whole /")
