"""apt package lists left in the layer after an install."""

from lintkit.model import Example, Problem, rule

from ._commands import installs, run_scripts

_LISTS = "/var/lib/apt/lists"


def _removes_lists(script) -> bool:
    for command in script.commands_named("rm"):
        if any(w.text.rstrip("/*").startswith(_LISTS) for w in command.args):
            return True
    return False


def _caches_lists(instruction) -> bool:
    """`RUN --mount=type=cache,target=/var/lib/apt/lists` keeps them out of the layer."""
    return any(
        flag.name == "mount" and flag.value and _LISTS in flag.value for flag in instruction.flags
    )


@rule(
    id="DF005",
    name="apt-clean-lists",
    severity="info",
    summary="apt package lists left in the image after `apt-get install`",
    rationale=(
        "`apt-get update` downloads tens of megabytes of package lists to /var/lib/apt/lists. "
        "Unless the same RUN removes them, they stay in the layer and in every image built "
        "on it. End the RUN with `rm -rf /var/lib/apt/lists/*` (or use a cache mount)."
    ),
    tags=("performance",),
    aliases=("DL3009", "dockerfilelint:apt-get_missing_rm"),
    examples=(
        Example(
            bad="FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10\n",
            good=(
                "FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends "
                "curl=7.88.1-10 \\\n && rm -rf /var/lib/apt/lists/*\n"
            ),
            filename="Dockerfile",
        ),
    ),
)
def check(dockerfile, ctx):
    # Lists left in a stage that is neither the image nor the base of another stage never
    # ship; a stage other stages build FROM passes them on.
    shipped = {id(dockerfile.final_stage)} | {
        id(stage.base_stage) for stage in dockerfile.stages if stage.base_stage is not None
    }
    for instruction, script in run_scripts(dockerfile):
        if instruction.stage is not None and id(instruction.stage) not in shipped:
            continue
        first = next(installs(script, "apt-get", "apt"), None)
        if first is None or _removes_lists(script) or _caches_lists(instruction):
            continue
        yield Problem(
            first.command.name_word.span,
            "Remove /var/lib/apt/lists/* in the RUN that installs packages",
        )
