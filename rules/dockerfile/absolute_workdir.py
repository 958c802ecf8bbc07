"""WORKDIR given as a relative path."""

from lintkit.model import Example, Problem, rule

from .copy_relative_needs_workdir import is_absolute


@rule(
    id="DF031",
    name="absolute-workdir",
    severity="warning",
    summary="WORKDIR path is relative",
    rationale=(
        "A relative WORKDIR is resolved against the previous one, so its meaning depends "
        "on everything before it (and on the base image). Absolute paths say where you are."
    ),
    tags=("reliability",),
    aliases=(
        "DL3000",
        "CKV_DOCKER_10",
        "DS009",
        "buildkit:WorkdirRelativePath",
        "dockerfilelint:invalid_workdir",
    ),
    examples=(
        Example(
            bad="FROM alpine:3.20\nWORKDIR app\n",
            good="FROM alpine:3.20\nWORKDIR /app\n",
            filename="Dockerfile",
        ),
    ),
)
def check(dockerfile, ctx):
    for instruction in dockerfile.instructions_named("WORKDIR"):
        if not instruction.value:
            continue
        path = instruction.value.strip("\"'")
        if not is_absolute(path):
            yield Problem(instruction.value_span, f"Use an absolute WORKDIR instead of {path}")
