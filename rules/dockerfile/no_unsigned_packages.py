"""Package managers told to skip signature checks."""

from lintkit.commands import invocations, verification_bypass
from lintkit.model import Example, Problem, rule

from ._commands import run_scripts


@rule(
    id="DF067",
    name="no-unsigned-packages",
    severity="error",
    summary="Package manager told to skip signature checks",
    rationale=(
        "Package signatures are what proves a package comes from the distribution and was "
        "not altered; skipping them lets a mirror or a network attacker install anything."
    ),
    tags=("security",),
    aliases=("CKV2_DOCKER_7", "CKV2_DOCKER_8", "CKV2_DOCKER_9", "CKV2_DOCKER_10", "CKV2_DOCKER_11"),
    examples=(
        Example(
            bad="FROM alpine:3.20\nRUN apk add --no-cache --allow-untrusted ./pkg.apk\n",
            good="FROM alpine:3.20\nRUN apk add --no-cache curl=8.9.1-r0\n",
            filename="Dockerfile",
        ),
    ),
)
def check(dockerfile, ctx):
    for _, script in run_scripts(dockerfile):
        for run in invocations(script):
            for bypass in verification_bypass(run):
                if bypass.check == "signature":
                    yield Problem(bypass.word.span, f"{bypass.word.text} turns off package signature checks")
