"""``env_file:`` naming a file that is not there."""

import os

from lintkit import project, workspace
from lintkit.model import Example, Problem, rule


@rule(
    id="DC051",
    name="env-file-exists",
    severity="error",
    summary="env_file names a file that does not exist",
    rationale=(
        "Compose refuses to start a project whose `env_file` is missing (unless the entry "
        "says `required: false`), and a typo in the name is only found at deploy time. "
        "Paths are relative to the compose file's folder. One outside the project is not "
        "looked for (`reference-outside-project` reports it)."
    ),
    tags=("reliability",),
    examples=(
        Example(
            bad="services:\n  app:\n    image: app:1.0\n    env_file: ap.env\n",
            good="services:\n  app:\n    image: app:1.0\n    env_file: app.env\n",
            filename="docker-compose.yml",
            files=(("app.env", "MODE=prod\n"),),
        ),
    ),
)
def check(compose, ctx):
    if not compose.load_siblings:
        return
    folder = os.path.dirname(os.path.abspath(compose.path))
    within = project.current()
    for service in compose.services:
        for written, required, span in service.env_files():
            resolved = compose.resolve(written)
            if not required or resolved is None or not resolved.complete or not resolved.text:
                continue
            path = within.resolve(folder, resolved.text)
            if path is not None and not workspace.exists(path):
                yield Problem(span, f"service {service.name!r}: env_file {compose.shown(written, quoted=True)} does not exist")
