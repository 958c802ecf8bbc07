"""``RUN mkdir`` of the directory a later WORKDIR creates anyway."""

import posixpath

from lintkit.model import Example, Problem, rule


def _normal(path: str | None) -> str | None:
    return posixpath.normpath(path) if path else None


@rule(
    id="DF022",
    name="mkdir-before-workdir",
    severity="style",
    summary="`RUN mkdir` of a directory that a later WORKDIR creates anyway",
    rationale=(
        "WORKDIR creates its directory when it does not exist; a separate `RUN mkdir` for "
        "it only adds a layer."
    ),
    tags=("style", "performance"),
    examples=(
        Example(
            bad="FROM ruby:3.3\nRUN mkdir /app\nWORKDIR /app\n",
            good="FROM ruby:3.3\nWORKDIR /app\n",
            filename="Dockerfile",
        ),
    ),
)
def check(dockerfile, ctx):
    for stage in dockerfile.stages:
        for position, instruction in enumerate(stage.instructions):
            script = instruction.script
            if instruction.keyword != "RUN" or script is None:
                continue
            names = {c.name for c in script.commands}
            if names != {"mkdir"}:
                continue  # mkdir next to chown/chmod prepares more than WORKDIR would
            later = {
                _normal(w.expand(w.args[0].value))
                for w in stage.instructions[position + 1 :]
                if w.keyword == "WORKDIR" and w.args
            }
            for command in script.commands:
                for word in command.args:
                    if word.text.startswith("-"):
                        continue
                    path = _normal(word.expand(instruction.variables))
                    if path in later:
                        yield Problem(word.span, f"WORKDIR {path} creates the directory itself")
