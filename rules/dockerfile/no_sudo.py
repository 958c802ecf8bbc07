"""``sudo`` in RUN."""

from lintkit.model import Example, Problem, Related, rule

from ._commands import run_scripts


@rule(
    id="DF030",
    name="no-sudo",
    severity="warning",
    summary="RUN invokes sudo",
    rationale=(
        "Build steps already run as the current USER; sudo adds a setuid binary to the "
        "image, has unpredictable TTY and signal behaviour, and hides which user a step "
        "really runs as. Switch with USER, or use gosu/su-exec for an entrypoint."
    ),
    tags=("security",),
    aliases=("DL3004", "CKV2_DOCKER_1", "DS010", "dockerfilelint:sudo_usage"),
    examples=(
        Example(
            bad="FROM debian:12\nRUN sudo apt-get update\n",
            good="FROM debian:12\nUSER root\nRUN apt-get update\n",
            filename="Dockerfile",
        ),
    ),
)
def check(dockerfile, ctx):
    # One finding per RUN: `sudo a && sudo b` is one habit to change, not two.
    for _, script in run_scripts(dockerfile):
        spans = [command.name_word.span for command in script.commands_named("sudo")]
        if not spans:
            continue
        message = "Do not use sudo in a build; use USER"
        if len(spans) > 1:
            message += f" ({len(spans)} sudo commands in this RUN)"
        related = tuple(Related(span, "sudo") for span in spans) if len(spans) > 1 else ()
        yield Problem(spans[0], message, related=related)
