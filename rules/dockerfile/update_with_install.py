"""A package index update in a RUN that installs nothing."""

from lintkit.model import Example, Problem, rule

from ._commands import run_scripts, subcommands

_UPDATES = {
    "apt-get": "update", "apt": "update", "apk": "update", "yum": "makecache",
    "dnf": "makecache", "zypper": "refresh",
}  # fmt: skip
_INSTALLS = {"install", "add", "in", "reinstall", "build-dep", "upgrade", "dist-upgrade"}


@rule(
    id="DF008",
    name="update-with-install",
    severity="warning",
    summary="Package index updated in a RUN that installs nothing",
    rationale=(
        "Docker caches each RUN: an `apt-get update` in a layer of its own is reused for "
        "months, and the install in a later RUN then works from stale lists (404s for "
        "packages that moved, old versions). Update and install in the same RUN."
    ),
    tags=("reliability",),
    aliases=("CKV_DOCKER_5", "DS017", "dockerfilelint:apt-get-update_require_install"),
    examples=(
        Example(
            bad="FROM debian:12\nRUN apt-get update\nRUN apt-get install -y curl\n",
            good="FROM debian:12\nRUN apt-get update && apt-get install -y curl\n",
            filename="Dockerfile",
        ),
    ),
)
def check(dockerfile, ctx):
    for _, script in run_scripts(dockerfile):
        updates = []
        installs = False
        for command, manager, word in subcommands(script):
            if word.value == _UPDATES.get(manager):
                updates.append((command, word))
            elif word.value in _INSTALLS:
                installs = True
        if installs:
            continue
        for command, word in updates:
            yield Problem(
                word.span, f"`{command.name} {word.value}` without an install in the same RUN"
            )
