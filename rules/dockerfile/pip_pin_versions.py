"""``pip install`` of named packages without version pins."""

from lintkit.model import Example, covering, rule

from ._commands import installs, run_scripts

_SPECIFIERS = ("==", ">=", "<=", "~=", "!=", "===", ">", "<", "@")


def _is_pinned(package: str) -> bool:
    return any(op in package for op in _SPECIFIERS)


def _is_local(package: str) -> bool:
    return (
        package.startswith((".", "/", "git+", "http://", "https://", "file:"))
        or package.endswith((".whl", ".tar.gz", ".zip"))
        or "/" in package
    )


@rule(
    id="DF049",
    name="pip-pin-versions",
    severity="warning",
    summary="`pip install` of named packages without version pins",
    rationale=(
        "`pip install flask` installs the newest release on build day. Pin `flask==3.0.3`, "
        "or install from a requirements/constraints file."
    ),
    tags=("reliability",),
    aliases=("DL3013",),
    examples=(
        Example(
            bad="FROM python:3.12-slim\nRUN pip install --no-cache-dir flask\n",
            good="FROM python:3.12-slim\nRUN pip install --no-cache-dir flask==3.0.3\n",
            filename="Dockerfile",
        ),
    ),
)
def check(dockerfile, ctx):
    for _, script in run_scripts(dockerfile):
        unpinned = []
        for install in installs(script, "pip"):
            command = install.command
            if command.has_flag("-r", "--requirement", "-c", "--constraint", "-e", "--editable"):
                continue
            for word in install.packages:
                package = word.text
                if not word.literal or _is_pinned(package) or _is_local(package):
                    continue
                unpinned.append((word.span, package))
        if unpinned:
            yield covering(unpinned, "Pin versions in pip install")
