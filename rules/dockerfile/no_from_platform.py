"""FROM with a hard-coded ``--platform``."""

from lintkit.model import Example, Problem, rule


@rule(
    id="DF045",
    name="no-from-platform",
    severity="warning",
    summary="FROM carries a hard-coded `--platform` value",
    rationale=(
        "A constant --platform builds that platform's image whatever the build targets, "
        "which breaks multi-platform builds. Use `$BUILDPLATFORM`/`$TARGETPLATFORM`."
    ),
    tags=("reliability",),
    aliases=("DL3029", "buildkit:FromPlatformFlagConstDisallowed"),
    examples=(
        Example(
            bad="FROM --platform=linux/amd64 alpine:3.20\n",
            good="FROM --platform=$BUILDPLATFORM alpine:3.20\n",
            filename="Dockerfile",
        ),
    ),
)
def check(dockerfile, ctx):
    for stage in dockerfile.stages:
        flag = stage.from_instruction.flag("platform")
        if flag is not None and flag.value and "$" not in flag.value:
            yield Problem(flag.span, f"Do not hard-code --platform={flag.value} in FROM")
