"""``COPY .`` with no .dockerignore beside the Dockerfile."""

import os

from lintkit import workspace
from lintkit.model import Example, Problem, rule

_WHOLE_CONTEXT = (".", "./")


def _has_dockerignore(path: str) -> bool:
    folder = os.path.dirname(path) or "."
    candidates = (
        os.path.join(folder, ".dockerignore"),
        path + ".dockerignore",  # BuildKit also reads <Dockerfile name>.dockerignore
    )
    # Whether it is there, not what it holds: a link is not followed (it could point
    # outside the project, where lintkit looks at nothing).
    return any(workspace.lexists(candidate) for candidate in candidates)


def collect(dockerfile, ctx):
    """The span of the first source that copies the whole context, if any."""
    for instruction in dockerfile.instructions_named("COPY", "ADD"):
        if instruction.flag("from") is not None or instruction.heredocs:
            continue
        for source in instruction.args[:-1]:
            if source.value in _WHOLE_CONTEXT:
                return source.span
    return None


@rule(
    id="DF021",
    name="missing-dockerignore",
    severity="warning",
    summary="`COPY .`/`ADD .` with no .dockerignore next to the Dockerfile",
    rationale=(
        "Copying the whole build context without a .dockerignore puts everything in the "
        "folder into the image: .git, local .env files with secrets, build outputs, "
        "node_modules. It also busts the layer cache on every unrelated change."
    ),
    tags=("security", "performance"),
    collect=collect,
    examples=(
        Example(
            bad="FROM python:3.12-slim\nCOPY . /app\n",
            good="FROM python:3.12-slim\nCOPY app.py /app/\n",
            filename="Dockerfile",
        ),
    ),
)
def check(facts, ctx):
    for path, span in facts.items():
        if span is not None and path != "-" and not _has_dockerignore(path):
            yield Problem(
                span,
                "The whole build context is copied but there is no .dockerignore beside "
                "the Dockerfile",
                path=path,
            )
