"""yum / dnf / microdnf / zypper used without cleaning their cache."""

from lintkit.model import Example, Problem, rule

from ._commands import installs, run_scripts
from ._commands import subcommands as package_subcommands
from ._rpm import CLEAN


def _cleans(instruction, script, manager) -> bool:
    cleaning, cache = CLEAN[manager]
    for _, used, subcommand in package_subcommands(script):
        if used == manager and subcommand.value in cleaning:
            return True
    for command in script.commands_named("rm"):
        if any(w.text.startswith(cache) for w in command.args):
            return True
    return instruction.keeps_out_of_layer(cache)


@rule(
    id="DF052",
    name="rpm-clean-cache",
    severity="warning",
    summary="yum / dnf / microdnf / zypper install without the matching clean in the same RUN",
    rationale=(
        "The package manager's metadata and downloaded packages stay in the layer unless the "
        "same RUN ends with `yum clean all` / `dnf clean all` / `zypper clean`."
    ),
    tags=("performance",),
    aliases=("DL3032", "DL3036", "DL3040", "DS015", "DS019", "DS020", "DS027"),
    examples=(
        Example(
            bad="FROM rockylinux:9\nRUN dnf install -y httpd-2.4.57\n",
            good="FROM rockylinux:9\nRUN dnf install -y httpd-2.4.57 && dnf clean all\n",
            filename="Dockerfile",
        ),
    ),
)
def check(dockerfile, ctx):
    for instruction, script in run_scripts(dockerfile):
        for install in installs(script, *CLEAN):
            if not _cleans(instruction, script, install.manager):
                yield Problem(
                    install.command.name_word.span,
                    f"`{install.manager} clean all` missing after {install.manager} install",
                )
                break
