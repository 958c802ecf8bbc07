"""yum / dnf / zypper install without version pins."""

from lintkit.model import Example, covering, rule

from ._commands import installs, run_scripts
from ._rpm import is_pinned


#: hadolint's check of each manager (microdnf has none of its own: dnf's).
HADOLINT_CODE = {"yum": "DL3033", "zypper": "DL3037", "dnf": "DL3041", "microdnf": "DL3041"}

@rule(
    id="DF053",
    name="rpm-pin-versions",
    severity="warning",
    summary="yum / dnf / zypper install without `package-version` pins",
    rationale="Unpinned packages install whatever the repository has on build day.",
    tags=("reliability",),
    aliases=tuple(dict.fromkeys(HADOLINT_CODE.values())),
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
        unpinned: dict[str, list] = {}
        for install in installs(script, "yum", "dnf", "microdnf", "zypper"):
            for word in install.packages:
                if word.literal and not is_pinned(word.text):
                    unpinned.setdefault(install.manager, []).append((word.span, word.text))
        for manager, tokens in unpinned.items():
            problem = covering(tokens, f"Pin versions in {manager} install")
            problem.exact_aliases = (HADOLINT_CODE[manager],)
            yield problem
