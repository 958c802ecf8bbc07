"""Passwords set with chpasswd in a build."""

from lintkit.model import Example, Problem, rule

from ._commands import run_scripts


@rule(
    id="DF068",
    name="no-chpasswd",
    severity="warning",
    summary="RUN sets or clears passwords with chpasswd",
    rationale=(
        "A password set in a RUN is in the image history for anyone who pulls it, and a "
        "login password in a container image is rarely needed at all."
    ),
    tags=("security",),
    aliases=("CKV2_DOCKER_17",),
    examples=(
        Example(
            bad="FROM debian:12\nRUN echo 'root:secret' | chpasswd\n",
            good="FROM debian:12\nRUN useradd -l -u 10001 app\n",
            filename="Dockerfile",
        ),
    ),
)
def check(dockerfile, ctx):
    for _, script in run_scripts(dockerfile):
        for command in script.commands_named("chpasswd"):
            yield Problem(command.name_word.span, "Do not set passwords with chpasswd in a build")
