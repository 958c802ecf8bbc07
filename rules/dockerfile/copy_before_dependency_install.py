"""The whole build context copied before dependencies are installed."""

from lintkit.model import Example, Problem, rule

#: (command, subcommands) that install a project's dependencies from its manifest;
#: an empty tuple means any invocation does.
DEPENDENCY_INSTALLS = {
    "pip": ("install",), "pip3": ("install",), "pipenv": ("install", "sync"),
    "poetry": ("install",), "uv": ("sync", "pip"), "npm": ("install", "ci", "i"),
    "yarn": ("", "install"), "pnpm": ("install", "i"), "bundle": ("install", ""),
    "composer": ("install",), "go": ("mod",), "mvn": (), "gradle": (), "cargo": ("fetch", "build"),
}  # fmt: skip
_WHOLE_CONTEXT = (".", "./")


def _copies_whole_context(instruction) -> bool:
    if instruction.flag("from") is not None or instruction.heredocs:
        return False
    return any(source.value in _WHOLE_CONTEXT for source in instruction.args[:-1])


def _installs_dependencies(script):
    for command in script.commands:
        subcommands = DEPENDENCY_INSTALLS.get(command.base_name or "")
        if subcommands is None:
            continue
        first = next((a.value for a in command.args if not a.text.startswith("-")), "")
        if not subcommands or first in subcommands:
            return command
    return None


@rule(
    id="DF020",
    name="copy-before-dependency-install",
    severity="info",
    summary="Code copied before dependencies are installed: every code change reinstalls them",
    rationale=(
        "Docker reuses a layer only while everything before it is unchanged. With `COPY . .` "
        "before `pip install`/`npm ci`/`bundle install`, any edit to any file invalidates the "
        "install layer. Copy the dependency manifests first, install, then copy the code."
    ),
    tags=("performance",),
    examples=(
        Example(
            bad="FROM python:3.12-slim\nWORKDIR /app\nCOPY . /app\nRUN pip install --no-cache-dir -r requirements.txt\n",
            good=(
                "FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt /app/\n"
                "RUN pip install --no-cache-dir -r requirements.txt\nCOPY . /app\n"
            ),
            filename="Dockerfile",
        ),
    ),
)
def check(dockerfile, ctx):
    for stage in dockerfile.stages:
        whole_copy = None
        for instruction in stage.instructions:
            if instruction.keyword in ("COPY", "ADD") and whole_copy is None:
                if _copies_whole_context(instruction):
                    whole_copy = instruction
            elif instruction.keyword == "RUN" and whole_copy is not None and instruction.script:
                command = _installs_dependencies(instruction.script)
                if command is not None:
                    source = next(a for a in whole_copy.args if a.value in _WHOLE_CONTEXT)
                    yield Problem(
                        source.span,
                        f"The whole context is copied before `{command.name}` installs "
                        f"dependencies (line {instruction.line}); copy the manifests first",
                    )
                    break
