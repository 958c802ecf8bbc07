"""Whole-distribution upgrades inside an image build."""

from lintkit.model import Example, Problem, rule

from ._commands import run_scripts, subcommands

#: manager -> subcommands that upgrade every installed package.
UPGRADES = {
    "apt-get": {"upgrade", "dist-upgrade", "full-upgrade"},
    "apt": {"upgrade", "dist-upgrade", "full-upgrade"},
    "apk": {"upgrade"},
    "yum": {"update", "upgrade", "distro-sync", "update-minimal"},
    "dnf": {"update", "upgrade", "distro-sync", "upgrade-minimal"},
    "microdnf": {"update", "upgrade"},
    "zypper": {"update", "up", "dist-upgrade", "dup", "patch"},
}
#: The other tools' checks, each about some of these upgrades only.
_APT = ("DL3005",)
_OTHER_TOOLS = {
    ("apt-get", "upgrade"): _APT + ("dockerfilelint:apt-get-upgrade",),
    ("apt-get", "dist-upgrade"): _APT + ("DS024", "dockerfilelint:apt-get-dist-upgrade"),
    ("apt", "upgrade"): _APT + ("dockerfilelint:apt-get-upgrade",),
    ("apt", "dist-upgrade"): _APT + ("DS024", "dockerfilelint:apt-get-dist-upgrade"),
    ("zypper", "dist-upgrade"): ("DL3035",),
    ("zypper", "dup"): ("DL3035",),
}


@rule(
    id="DF002",
    name="no-dist-upgrade",
    severity="warning",
    summary="Distribution upgrade (apt-get upgrade, apk upgrade, yum update...) in a build",
    rationale=(
        "Updating the package index is fine; upgrading every package is not: each build "
        "upgrades to whatever is current that day, so the image is no longer described by "
        "its Dockerfile and two builds differ. Take a newer base image instead, and pin the "
        "packages you install."
    ),
    tags=("reliability",),
    aliases=tuple(dict.fromkeys(a for aliases in _OTHER_TOOLS.values() for a in aliases)),
    examples=(
        Example(
            bad="FROM debian:12\nRUN apt-get update && apt-get upgrade -y\n",
            good="FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10\n",
            filename="Dockerfile",
        ),
    ),
)
def check(dockerfile, ctx):
    for _, script in run_scripts(dockerfile):
        for _, manager, word in subcommands(script):
            subcommand = word.value
            if subcommand in UPGRADES.get(manager, ()):
                yield Problem(
                    word.span,
                    f"Do not run `{manager} {subcommand}` in a build; use a newer base image",
                    exact_aliases=_OTHER_TOOLS.get((manager, subcommand), ()),
                )
