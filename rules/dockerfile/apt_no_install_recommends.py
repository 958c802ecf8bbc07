"""``apt-get install`` without ``--no-install-recommends``."""

from lintkit.model import Example, Problem, rule

from ._commands import installs, run_scripts


def _skips_recommends(command) -> bool:
    if command.has_flag("--no-install-recommends"):
        return True
    # -o APT::Install-Recommends=false (or =0) says the same.
    for index, word in enumerate(command.args):
        setting = word.text
        if setting.startswith("-o") and setting != "-o":
            setting = setting[2:]
        elif setting == "-o" and index + 1 < len(command.args):
            setting = command.args[index + 1].text
        key, _, value = setting.partition("=")
        if key.lower() == "apt::install-recommends" and value.lower() in ("false", "0", "no"):
            return True
    return False


@rule(
    id="DF006",
    name="apt-no-install-recommends",
    severity="info",
    summary="`apt-get install` without `--no-install-recommends`",
    rationale=(
        "By default apt also installs every recommended package, which often doubles the "
        "size of the layer with software the image never uses. Ask only for what you need."
    ),
    tags=("performance",),
    fix="safe",
    aliases=("DL3015", "DS029", "dockerfilelint:apt-get_recommends"),
    examples=(
        Example(
            bad="FROM debian:12\nRUN apt-get install -y curl=7.88.1-10\n",
            good="FROM debian:12\nRUN apt-get install -y --no-install-recommends curl=7.88.1-10\n",
            filename="Dockerfile",
        ),
    ),
)
def check(dockerfile, ctx):
    for _, script in run_scripts(dockerfile):
        for install in installs(script, "apt-get"):
            if not _skips_recommends(install.command):
                yield Problem(
                    install.command.name_word.span,
                    "Add --no-install-recommends to apt-get install",
                    install.add_option("--no-install-recommends"),
                )
