"""The interactive ``apt`` front-end used in a build."""

from lintkit.model import Edit, Example, Fix, Problem, rule

from ._commands import TAKES_VALUE, run_scripts


@rule(
    id="DF009",
    name="apt-get-not-apt",
    severity="warning",
    summary="`apt` is meant for terminals; scripts should use `apt-get`",
    rationale=(
        "`apt` has no stable command-line interface (it warns so itself) and its output and "
        "behaviour change between releases. `apt-get` and `apt-cache` are the scriptable "
        "front-ends."
    ),
    tags=("reliability",),
    aliases=("DL3027", "CKV_DOCKER_9"),
    fix="safe",
    examples=(
        Example(
            bad="FROM debian:12\nRUN apt install -y --no-install-recommends curl=7.88.1-10\n",
            good="FROM debian:12\nRUN apt-get install -y --no-install-recommends curl=7.88.1-10\n",
            filename="Dockerfile",
        ),
    ),
)
def check(dockerfile, ctx):
    for _, script in run_scripts(dockerfile):
        for command in script.commands_named("apt"):
            yield Problem(command.name_word.span, "Use apt-get or apt-cache instead of apt", _fix(command))


#: apt subcommands apt-get runs the same way (``apt search``/``show``/``list`` belong to
#: apt-cache or have no counterpart, so they get no fix).
_APT_GET_SUBCOMMANDS = frozenset((
    "install", "update", "upgrade", "dist-upgrade", "full-upgrade", "remove", "purge",
    "autoremove", "clean", "autoclean", "build-dep", "source", "download",
))  # fmt: skip


def _fix(command) -> Fix | None:
    word = command.name_word
    subcommand = command.subcommand(TAKES_VALUE["apt"])
    if not word.literal or not word.raw.endswith("apt") or subcommand not in _APT_GET_SUBCOMMANDS:
        return None
    replacement = "dist-upgrade" if subcommand == "full-upgrade" else None
    edits = [Edit(word.span, word.raw[:-3] + "apt-get")]
    if replacement:
        sub_word = next(w for w in command.args if w.value == subcommand)
        edits.append(Edit(sub_word.span, replacement))
    return Fix("use apt-get", tuple(edits))
