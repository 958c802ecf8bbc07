"""yum / dnf / zypper install without version pins."""

from lintkit.model import Example, Problem, rule

from ._commands import installs, run_scripts
from ._rpm import is_pinned


@rule(
    id="DF053",
    name="rpm-pin-versions",
    severity="warning",
    summary="yum / dnf / zypper install without `package-version` pins",
    rationale="Unpinned packages install whatever the repository has on build day.",
    tags=("reliability",),
    aliases=("DL3033", "DL3037", "DL3041"),
    examples=(
        Example(
            bad="FROM rockylinux:9\nRUN dnf install -y httpd && dnf clean all\n",
            good="FROM rockylinux:9\nRUN dnf install -y httpd-2.4.57 && dnf clean all\n",
            filename="Dockerfile",
        ),
    ),
)
def check(dockerfile, ctx):
    for _, script in run_scripts(dockerfile):
        for install in installs(script, "yum", "dnf", "microdnf", "zypper"):
            for word in install.packages:
                if word.literal and not is_pinned(word.text):
                    yield Problem(
                        word.span, f"Pin versions in {install.manager} install ({word.text})"
                    )
