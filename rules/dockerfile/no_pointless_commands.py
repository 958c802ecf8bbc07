"""Interactive or host-management tools run in a build."""

from lintkit.model import Example, Problem, rule

from ._commands import run_scripts

POINTLESS = frozenset(
    ("ssh", "vim", "vi", "nano", "shutdown", "reboot", "service", "ps", "free", "top",
     "kill", "mount", "ifconfig")
)  # fmt: skip


@rule(
    id="DF060",
    name="no-pointless-commands",
    severity="info",
    summary="RUN calls an interactive or host-management tool (ssh, vim, service, mount...)",
    rationale=(
        "A build step has no terminal, no running services and no host to manage: these "
        "commands either do nothing useful or make the build depend on its environment."
    ),
    tags=("maintainability",),
    aliases=("DL3001",),
    examples=(
        Example(
            bad="FROM debian:12\nRUN service nginx start\n",
            good='FROM debian:12\nCMD ["nginx", "-g", "daemon off;"]\n',
            filename="Dockerfile",
        ),
    ),
)
def check(dockerfile, ctx):
    for _, script in run_scripts(dockerfile):
        for command in script.commands_named(*POINTLESS):
            if command.in_condition or command.in_substitution:
                continue
            yield Problem(command.name_word.span, f"`{command.name}` makes no sense in a build")
