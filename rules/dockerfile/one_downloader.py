"""Both curl and wget used in one image."""

from lintkit.model import Example, Problem, rule


@rule(
    id="DF032",
    name="one-downloader",
    severity="warning",
    summary="Both curl and wget are used; pick one",
    rationale=(
        "Two download tools mean two packages to install, patch and keep in the image for "
        "the same job."
    ),
    tags=("maintainability",),
    aliases=("DL4001", "DS014"),
    examples=(
        Example(
            bad="FROM debian:12\nRUN curl -fsSLO https://example.com/a\nRUN wget -q https://example.com/b\n",
            good="FROM debian:12\nRUN curl -fsSLO https://example.com/a && curl -fsSLO https://example.com/b\n",
            filename="Dockerfile",
        ),
    ),
)
def check(dockerfile, ctx):
    for stage in dockerfile.stages:
        seen: set[str] = set()
        for instruction in stage.instructions:
            if instruction.script is None or instruction.keyword != "RUN":
                continue
            commands = list(instruction.script.commands_named("curl", "wget"))
            seen.update(command.base_name for command in commands)
            if len(seen) == 2 and commands:
                yield Problem(
                    commands[0].name_word.span,
                    "Both curl and wget are used in this stage; pick one",
                )
