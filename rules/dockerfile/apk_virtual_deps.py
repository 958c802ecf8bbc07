"""Build dependencies added and deleted by name instead of as a virtual package."""

from lintkit.model import Example, Problem, rule

from ._commands import TAKES_VALUE, installs, run_scripts, subcommands


@rule(
    id="DF082",
    name="apk-virtual-deps",
    severity="style",
    summary="`apk add` then `apk del` of the same packages without `--virtual`",
    rationale=(
        "`apk add --virtual .build-deps gcc musl-dev` groups temporary build dependencies "
        "under one name, so `apk del .build-deps` removes exactly them and nothing a runtime "
        "package also needs."
    ),
    tags=("maintainability",),
    aliases=("dockerfilelint:apkadd-missing-virtual",),
    examples=(
        Example(
            bad=(
                "FROM python:3.12-alpine\nRUN apk add --no-cache gcc=13.2.1-r0 musl-dev=1.2.5-r0"
                " && pip install --no-cache-dir -r req.txt && apk del gcc musl-dev\n"
            ),
            good=(
                "FROM python:3.12-alpine\nRUN apk add --no-cache --virtual .build-deps "
                "gcc=13.2.1-r0 musl-dev=1.2.5-r0 && pip install --no-cache-dir -r req.txt "
                "&& apk del .build-deps\n"
            ),
            filename="Dockerfile",
        ),
    ),
)
def check(dockerfile, ctx):
    for _, script in run_scripts(dockerfile):
        deleted = {
            word.text
            for command, manager, subcommand in subcommands(script)
            if manager == "apk" and subcommand.value == "del"
            for word in command.positionals(TAKES_VALUE["apk"])[1:]
        }
        if not deleted:
            continue
        for install in installs(script, "apk"):
            if install.command.has_flag("--virtual", "-t", takes_value=TAKES_VALUE["apk"]):
                continue
            if any(word.text.split("=", 1)[0] in deleted for word in install.packages):
                yield Problem(
                    install.command.name_word.span,
                    "Add the build dependencies with --virtual and delete the virtual package",
                )
