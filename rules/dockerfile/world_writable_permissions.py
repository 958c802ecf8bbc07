"""Files or directories made writable by every user."""

from lintkit.model import Example, Problem, rule

from ._commands import run_scripts


def world_writable(mode: str) -> bool:
    """Octal modes with the 'others write' bit, or symbolic modes granting o+w / a+w.
    A sticky directory (1777, like /tmp) is the deliberate way to share one: not counted."""
    if mode.isdigit():
        sticky = len(mode) == 4 and int(mode[0]) & 1 == 1
        return len(mode) >= 3 and int(mode[-1]) & 2 == 2 and not sticky
    for clause in mode.split(","):
        who, _, perms = clause.partition("+")
        if _ and "w" in perms and (who == "" or "o" in who or "a" in who):
            return True
        who, _, perms = clause.partition("=")
        if _ and "w" in perms and ("o" in who or "a" in who):
            return True
    return False


@rule(
    id="DF013",
    name="world-writable-permissions",
    severity="warning",
    summary="chmod 777 (or --chmod=777): world-writable files in the image",
    rationale=(
        "A world-writable file can be changed by any user or process in the container; a "
        "writable script or binary is a ready path to running someone else's code. Grant "
        "write to the owner only (755, 644)."
    ),
    tags=("security",),
    examples=(
        Example(
            bad="FROM alpine:3.20\nCOPY start.sh /start.sh\nRUN chmod 0777 /start.sh\n",
            good="FROM alpine:3.20\nCOPY start.sh /start.sh\nRUN chmod 0755 /start.sh\n",
            filename="Dockerfile",
        ),
    ),
)
def check(dockerfile, ctx):
    for _, script in run_scripts(dockerfile):
        for command in script.commands_named("chmod"):
            modes = [w for w in command.args if not w.text.startswith("-")]
            if modes and modes[0].value and world_writable(modes[0].value):
                yield Problem(modes[0].span, f"chmod {modes[0].value} makes files world-writable")
    for instruction in dockerfile.instructions_named("COPY", "ADD"):
        flag = instruction.flag("chmod")
        if flag is not None and flag.value and world_writable(flag.value):
            yield Problem(flag.span, f"--chmod={flag.value} makes files world-writable")
