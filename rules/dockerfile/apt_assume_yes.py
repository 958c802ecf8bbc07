"""``apt-get install`` that would stop at a prompt."""

from lintkit.model import Example, Problem, rule

from ._commands import TAKES_VALUE, installs, run_scripts

_YES = ("-y", "--yes", "--assume-yes", "--force-yes")


def _answers_yes(command) -> bool:
    if command.has_flag(*_YES, takes_value=TAKES_VALUE["apt-get"]):
        return True
    # -qq (quiet level 2) implies --assume-yes.
    for word in command.args:
        text = word.text
        if text in ("--quiet=2", "-q=2") or (
            text.startswith("-") and not text.startswith("--") and text.count("q") >= 2
        ):
            return True
    return False


@rule(
    id="DF007",
    name="apt-assume-yes",
    severity="warning",
    summary="`apt-get install` without `-y`: the build stops at the confirmation prompt",
    rationale=(
        "A build has no terminal to answer apt's confirmation question; without `-y` the "
        "install aborts (or hangs, depending on the front-end)."
    ),
    tags=("reliability",),
    fix="safe",
    aliases=("DL3014", "DS021", "dockerfilelint:apt-get_missing_param"),
    examples=(
        Example(
            bad="FROM debian:12\nRUN apt-get install --no-install-recommends curl=7.88.1-10\n",
            good="FROM debian:12\nRUN apt-get install -y --no-install-recommends curl=7.88.1-10\n",
            filename="Dockerfile",
        ),
    ),
)
def check(dockerfile, ctx):
    for _, script in run_scripts(dockerfile):
        for install in installs(script, "apt-get"):
            if not _answers_yes(install.command):
                yield Problem(install.command.name_word.span, "Use apt-get install -y", install.add_option("-y"))
