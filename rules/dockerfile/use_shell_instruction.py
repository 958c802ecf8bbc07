"""Relinking /bin/sh to change the shell."""

from lintkit.model import Example, Problem, rule

from ._commands import run_scripts


@rule(
    id="DF058",
    name="use-shell-instruction",
    severity="warning",
    summary="RUN relinks /bin/sh to change shell instead of using SHELL",
    rationale=(
        "Replacing /bin/sh changes the shell for every program in the image that calls "
        "system(), not only for the build. SHELL changes it for RUN only."
    ),
    tags=("reliability",),
    aliases=("DL4005",),
    examples=(
        Example(
            bad="FROM debian:12\nRUN ln -sf /bin/bash /bin/sh\n",
            good='FROM debian:12\nSHELL ["/bin/bash", "-c"]\n',
            filename="Dockerfile",
        ),
    ),
)
def check(dockerfile, ctx):
    for _, script in run_scripts(dockerfile):
        for command in script.commands_named("ln"):
            target = next((w for w in command.args if w.value == "/bin/sh"), None)
            if target is not None:
                yield Problem(target.span, "Use SHELL to change the default shell")
