"""Commands told to skip TLS certificate verification."""

from lintkit.commands import invocations, verification_bypass
from lintkit.model import Example, Problem, rule

from ._commands import run_scripts


@rule(
    id="DF064",
    name="no-tls-bypass-flags",
    severity="error",
    summary="RUN disables TLS verification (curl -k, wget --no-check-certificate, pip --trusted-host...)",
    rationale=(
        "Without certificate checks anyone on the network path can substitute what the "
        "build downloads and installs. Fix the CA bundle instead."
    ),
    tags=("security",),
    aliases=("CKV2_DOCKER_2", "CKV2_DOCKER_3", "CKV2_DOCKER_4", "CKV2_DOCKER_13", "CKV2_DOCKER_15"),
    examples=(
        Example(
            bad="FROM debian:12\nRUN curl -k -fsSLO https://example.com/x\n",
            good="FROM debian:12\nRUN curl -fsSLO https://example.com/x\n",
            filename="Dockerfile",
        ),
    ),
)
def check(dockerfile, ctx):
    for _, script in run_scripts(dockerfile):
        for run in invocations(script):
            word = next((bypass.word for bypass in verification_bypass(run) if bypass.check == "tls"), None)
            if word is not None:
                yield Problem(word.span, f"`{run.name_word.text} {word.text}` disables TLS verification")
