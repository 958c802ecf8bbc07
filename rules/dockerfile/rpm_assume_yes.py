"""yum / dnf / zypper install that would stop at a prompt."""

from lintkit.model import Example, Problem, rule

from ._commands import TAKES_VALUE, insert_after, installs, run_scripts
from ._rpm import ASSUME_YES

#: hadolint's check of each manager (microdnf is dnf's).
HADOLINT_CODE = {"yum": "DL3030", "zypper": "DL3034", "dnf": "DL3038", "microdnf": "DL3038"}


@rule(
    id="DF051",
    name="rpm-assume-yes",
    severity="warning",
    summary="yum / dnf / zypper install without `-y` (zypper: `-n`)",
    rationale="A build cannot answer the confirmation prompt; the install aborts.",
    tags=("reliability",),
    aliases=tuple(dict.fromkeys(HADOLINT_CODE.values())),
    fix="safe",
    examples=(
        Example(
            bad="FROM rockylinux:9\nRUN dnf install httpd-2.4.57 && dnf clean all\n",
            good="FROM rockylinux:9\nRUN dnf install -y httpd-2.4.57 && dnf clean all\n",
            filename="Dockerfile",
        ),
    ),
)
def check(dockerfile, ctx):
    for _, script in run_scripts(dockerfile):
        for install in installs(script, *ASSUME_YES):
            command = install.command
            if not command.has_flag(
                *ASSUME_YES[install.manager], takes_value=TAKES_VALUE[install.manager]
            ):
                flag = "-n" if install.manager == "zypper" else "-y"
                # zypper's -n is a global option: it goes before the subcommand.
                fix = insert_after(command.name_word, flag) if install.manager == "zypper" else install.add_option(flag)
                yield Problem(command.name_word.span, f"Use {install.manager} {flag} to install", fix,
                              exact_aliases=(HADOLINT_CODE[install.manager],) if install.manager in HADOLINT_CODE else None)
