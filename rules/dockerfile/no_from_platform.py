"""FROM with a hard-coded ``--platform``."""

from lintkit.model import Example, Problem, rule
from lintkit.parsers.dockerfile import AUTOMATIC_PLATFORM_ARGS, substitute


@rule(
    id="DF045",
    name="no-from-platform",
    severity="warning",
    summary="FROM carries a fixed `--platform` value instead of a build platform ARG",
    rationale=(
        "A constant --platform builds that platform's image whatever the build targets, "
        "which breaks multi-platform builds. Use `$BUILDPLATFORM`/`$TARGETPLATFORM` (or "
        "the other automatic platform ARGs)."
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
        if flag is None or not flag.value:
            continue
        _, names = substitute(flag.value, {})
        if not names or not names <= AUTOMATIC_PLATFORM_ARGS:
            yield Problem(flag.span, f"Do not fix --platform={flag.value} in FROM")
