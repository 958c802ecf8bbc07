"""The last USER of the image is root."""

from lintkit.model import Example, Problem, rule

from . import _dev_container


@rule(
    id="DF016",
    name="last-user-not-root",
    severity="warning",
    summary="The last USER of the final stage is root (or UID 0)",
    rationale=(
        "Switching to root for installation is fine, but the last USER is the one the "
        "container runs as. Switch back to an unprivileged user at the end."
        " Dev-container images are not checked unless the `dev-containers` option is set."
    ),
    tags=("security",),
    aliases=("DL3002", "CKV_DOCKER_8", "DS002"),
    options=_dev_container.OPTIONS,
    examples=(
        Example(
            bad="FROM alpine:3.20\nUSER root\n",
            good="FROM alpine:3.20\nUSER root\nRUN mkdir /data\nUSER 10001\n",
            filename="Dockerfile",
        ),
    ),
)
def check(dockerfile, ctx):
    if _dev_container.skipped(dockerfile, ctx):
        return
    stage = dockerfile.final_stage
    if stage is None:
        return
    users = list(stage.instructions_named("USER"))
    if not users or not users[-1].args:
        return
    last = users[-1]
    user = (last.expand(last.args[0].value) or last.args[0].value).split(":")[0]
    if user in ("root", "0"):
        yield Problem(last.args[0].span, "Do not leave root as the last USER")
