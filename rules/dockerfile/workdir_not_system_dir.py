"""WORKDIR set to a system directory."""

import posixpath

from lintkit.model import Example, Problem, rule

SYSTEM_DIRECTORIES = frozenset(
    ("/", "/proc", "/sys", "/dev", "/boot", "/etc", "/bin", "/sbin", "/lib", "/lib64",
     "/usr/bin", "/usr/sbin", "/usr/lib", "/var/run", "/run")
)  # fmt: skip


@rule(
    id="DF081",
    name="workdir-not-system-dir",
    severity="warning",
    summary="WORKDIR set to a system directory (/proc, /sys, /dev, /boot, /etc, /bin...)",
    rationale=(
        "Files copied or written relative to such a WORKDIR land among system files (or in "
        "kernel-provided filesystems at run time). Give the application its own directory."
    ),
    tags=("reliability", "security"),
    aliases=("DS030",),
    examples=(
        Example(
            bad="FROM alpine:3.20\nWORKDIR /etc\nCOPY app.conf .\n",
            good="FROM alpine:3.20\nWORKDIR /srv/app\nCOPY app.conf .\n",
            filename="Dockerfile",
        ),
    ),
)
def check(dockerfile, ctx):
    for instruction in dockerfile.instructions_named("WORKDIR"):
        if not instruction.args:
            continue
        path = instruction.expand(instruction.args[0].value)
        if path and posixpath.normpath(path) in SYSTEM_DIRECTORIES:
            yield Problem(instruction.args[0].span, f"WORKDIR {path} is a system directory")
