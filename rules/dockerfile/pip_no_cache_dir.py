"""``pip install`` that keeps its download cache in the image."""

from lintkit.model import Example, Problem, rule

from ._commands import installs, run_scripts


#: Where pip keeps its downloads (a cache mount there keeps them out of the layer).
_PIP_CACHE = "~/.cache/pip"


def _cache_disabled(instruction, command) -> bool:
    value = instruction.variables.get("PIP_NO_CACHE_DIR")
    if value is not None and value.lower() not in ("", "0", "false", "no", "off"):
        return True
    if any(a.name == "PIP_NO_CACHE_DIR" for a in command.assignments):
        return True
    return instruction.keeps_out_of_layer(_PIP_CACHE)


@rule(
    id="DF019",
    name="pip-no-cache-dir",
    severity="info",
    summary="`pip install` without `--no-cache-dir`",
    rationale=(
        "pip keeps every downloaded wheel in ~/.cache/pip; in an image layer that cache is "
        "dead weight. Pass --no-cache-dir (or set PIP_NO_CACHE_DIR=1, or use a cache mount)."
    ),
    tags=("performance",),
    aliases=("DL3042",),
    fix="safe",
    examples=(
        Example(
            bad="FROM python:3.12-slim\nRUN pip install -r requirements.txt\n",
            good="FROM python:3.12-slim\nRUN pip install --no-cache-dir -r requirements.txt\n",
            filename="Dockerfile",
        ),
    ),
)
def check(dockerfile, ctx):
    for instruction, script in run_scripts(dockerfile):
        for install in installs(script, "pip"):
            command = install.command
            if command.has_flag("--no-cache-dir") or _cache_disabled(instruction, command):
                continue
            yield Problem(install.subcommand.span, "Use pip install --no-cache-dir", install.add_option("--no-cache-dir"))
