"""The image never switches away from root."""

from lintkit.model import Example, Problem, rule

from . import _dev_container


@rule(
    id="DF015",
    name="user-instruction-present",
    severity="warning",
    summary="No USER instruction: the container runs as root",
    rationale=(
        "Without USER the main process runs as root inside the container; a compromised "
        "process then has root's power over the container's files and any mounted ones, "
        "and one kernel bug away from the host. Create an unprivileged user and switch to it."
        " Dev-container images are not checked unless the `dev-containers` option is set."
    ),
    tags=("security",),
    aliases=("CKV_DOCKER_3", "DS002"),
    options=_dev_container.OPTIONS,
    examples=(
        Example(
            bad='FROM alpine:3.20\nCMD ["./app"]\n',
            good='FROM alpine:3.20\nRUN adduser -D -u 10001 app\nUSER 10001\nCMD ["./app"]\n',
            filename="Dockerfile",
        ),
    ),
)
def check(dockerfile, ctx):
    if _dev_container.skipped(dockerfile, ctx):
        return
    stage = dockerfile.final_stage
    if stage is None or stage.is_scratch:
        return
    if any(stage.instructions_with_base("USER")):
        return
    yield Problem(stage.from_instruction.keyword_span, "The final image never sets a USER")
