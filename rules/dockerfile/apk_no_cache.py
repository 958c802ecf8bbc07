"""``apk add`` that leaves the package index cache in the layer."""

from lintkit.model import Example, Problem, rule

from ._commands import installs, run_scripts


def _cache_handled(instruction, script) -> bool:
    if instruction.keeps_out_of_layer("/var/cache/apk"):
        return True
    return any(
        w.text.startswith("/var/cache/apk") for c in script.commands_named("rm") for w in c.args
    )


@rule(
    id="DF026",
    name="apk-no-cache",
    severity="info",
    summary="`apk add` without `--no-cache`",
    rationale=(
        "Without --no-cache apk keeps its index in /var/cache/apk, which then ships in the "
        "layer. `apk add --no-cache` fetches the index, installs and keeps nothing."
    ),
    tags=("performance",),
    aliases=("DL3019", "DS025", "dockerfilelint:apkadd-missing_nocache_or_updaterm"),
    fix="safe",
    examples=(
        Example(
            bad="FROM alpine:3.20\nRUN apk add curl=8.9.1-r0\n",
            good="FROM alpine:3.20\nRUN apk add --no-cache curl=8.9.1-r0\n",
            filename="Dockerfile",
        ),
    ),
)
def check(dockerfile, ctx):
    for instruction, script in run_scripts(dockerfile):
        for install in installs(script, "apk"):
            command = install.command
            if command.has_flag("--no-cache") or _cache_handled(instruction, script):
                continue
            yield Problem(command.name_word.span, "Use apk add --no-cache", install.add_option("--no-cache"))
