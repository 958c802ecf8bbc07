"""COPY to a relative destination before any WORKDIR."""

from lintkit.model import Example, Problem, rule


def is_absolute(path: str) -> bool:
    return (
        path.startswith(("/", "$", "\\"))
        or (len(path) >= 2 and path[1] == ":" and path[0].isalpha())  # C:\ on Windows
    )


@rule(
    id="DF029",
    name="copy-relative-needs-workdir",
    severity="warning",
    summary="COPY to a relative destination before any WORKDIR is set",
    rationale=(
        "A relative destination is resolved against the working directory, which without "
        "a WORKDIR is whatever the base image left there; a new base image release can "
        "silently move your files."
    ),
    tags=("reliability",),
    aliases=("DL3045",),
    examples=(
        Example(
            bad="FROM python:3.12-slim\nCOPY requirements.txt app/\n",
            good="FROM python:3.12-slim\nWORKDIR /srv\nCOPY requirements.txt app/\n",
            filename="Dockerfile",
        ),
    ),
)
def check(dockerfile, ctx):
    for stage in dockerfile.stages:
        has_workdir = stage.base_stage is not None and any(stage.base_stage.instructions_with_base("WORKDIR"))
        for instruction in stage.instructions:
            if instruction.keyword == "WORKDIR":
                has_workdir = True
            elif instruction.keyword == "COPY" and not has_workdir and len(instruction.args) >= 2:
                destination = instruction.args[-1]
                if not is_absolute(destination.value):
                    yield Problem(
                        destination.span,
                        f"COPY to the relative path {destination.value} without a WORKDIR",
                    )
