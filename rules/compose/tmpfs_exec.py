"""tmpfs mounts that turn exec or suid back on."""

from lintkit.model import Example, Problem, rule

#: tmpfs options that undo Docker's noexec,nosuid default.
WEAKENING = {"exec": "executables run from it", "suid": "setuid binaries on it take effect"}


@rule(
    id="DC056",
    name="tmpfs-exec",
    severity="warning",
    summary="A tmpfs mount re-enables exec or suid",
    rationale=(
        "Docker mounts tmpfs `noexec,nosuid`: a writable in-memory directory where an "
        "intruder can drop a binary but not run it. `exec` or `suid` in the mount options "
        "gives that back, typically on /tmp, the first place a dropped payload goes."
    ),
    tags=("security",),
    aliases=("compose-lint:CL-0022",),
    examples=(
        Example(
            bad="services:\n  app:\n    image: app:1.0\n    tmpfs:\n      - /tmp:exec,mode=1777\n",
            good="services:\n  app:\n    image: app:1.0\n    tmpfs:\n      - /tmp:mode=1777\n",
            filename="docker-compose.yml",
        ),
    ),
)
def check(compose, ctx):
    for service in compose.services:
        value = service.node.get("tmpfs")
        if isinstance(value, str):
            entries = [(value, service.node.value_span("tmpfs"))]
        else:
            entries = [(item, span) for _i, item, span in service.items("tmpfs") if isinstance(item, str)]
        for entry, span in entries:
            _path, _sep, options = entry.partition(":")
            for option in options.split(","):
                what = WEAKENING.get(option.strip().lower())
                if what:
                    yield Problem(span, f"service {service.name!r}: tmpfs {entry!r} sets {option.strip()}, so {what}")
