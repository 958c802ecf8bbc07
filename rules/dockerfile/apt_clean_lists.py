"""apt package lists left in the layer by the RUN that downloads them."""

from lintkit.model import Example, Problem, rule

from ._commands import TAKES_VALUE, run_scripts, subcommands

_LISTS = "/var/lib/apt/lists"


def _removes_lists(script) -> bool:
    for command in script.commands_named("rm"):
        if any(w.text.rstrip("/*").startswith(_LISTS) for w in command.args):
            return True
    # `apt-get dist-clean` (apt 2.7+) removes the lists as well as the archives.
    return any(
        command.subcommand(TAKES_VALUE["apt-get"]) == "dist-clean"
        for command in script.commands_named("apt-get", "apt")
    )


def _list_download(script):
    """The word that downloads the package lists: `update`, or `--update` of an install."""
    for command, manager, subcommand in subcommands(script):
        if manager not in ("apt-get", "apt"):
            continue
        if subcommand.value == "update":
            return subcommand
        if subcommand.value == "install":
            flag = command.flag("--update")
            if flag is not None:
                return flag
    return None


def _caches_lists(instruction) -> bool:
    """`RUN --mount=type=cache,target=/var/lib/apt/lists` keeps them out of the layer."""
    return instruction.keeps_out_of_layer(_LISTS)


@rule(
    id="DF005",
    name="apt-clean-lists",
    severity="info",
    summary="apt package lists downloaded by `apt-get update` left in the layer",
    rationale=(
        "`apt-get update` downloads tens of megabytes of package lists to /var/lib/apt/lists. "
        "Unless the same RUN removes them, they stay in that layer and in every image built "
        "on it, whatever later RUNs delete. End the RUN with `rm -rf /var/lib/apt/lists/*` "
        "(or `apt-get dist-clean`, or use a cache mount)."
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
        download = _list_download(script)
        if download is None or _removes_lists(script) or _caches_lists(instruction):
            continue
        yield Problem(download.span, "Remove /var/lib/apt/lists/* in the RUN that downloads them")
