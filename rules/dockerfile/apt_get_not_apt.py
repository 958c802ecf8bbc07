"""The interactive ``apt`` front-end used in a build."""

from lintkit.model import Example, Problem, rule

from ._commands import run_scripts


@rule(
    id="DF009",
    name="apt-get-not-apt",
    severity="warning",
    summary="`apt` is meant for terminals; scripts should use `apt-get`",
    rationale=(
        "`apt` has no stable command-line interface (it warns so itself) and its output and "
        "behaviour change between releases. `apt-get` and `apt-cache` are the scriptable "
        "front-ends."
    ),
    tags=("reliability",),
    aliases=("DL3027", "CKV_DOCKER_9"),
    examples=(
        Example(
            bad="FROM debian:12\nRUN apt install -y curl\n",
            good="FROM debian:12\nRUN apt-get install -y curl\n",
            filename="Dockerfile",
        ),
    ),
)
def check(dockerfile, ctx):
    for _, script in run_scripts(dockerfile):
        for command in script.commands_named("apt"):
            yield Problem(command.name_word.span, "Use apt-get or apt-cache instead of apt")
