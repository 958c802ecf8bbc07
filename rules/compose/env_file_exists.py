"""``env_file:`` naming a file that is not there."""

import os

from lintkit.model import Example, Problem, rule
from lintkit.parsers.compose import as_bool


def env_files(service):
    """(path as written, required, span) of a service's env_file entries."""
    value = service.node.get("env_file")
    if isinstance(value, str):
        yield value, True, service.node.value_span("env_file")
    elif isinstance(value, list):
        for _i, item, span in service.items("env_file"):
            if isinstance(item, str):
                yield item, True, span
            elif isinstance(item, dict) and isinstance(item.get("path"), str):
                yield item["path"], as_bool(item.get("required")) is not False, item.value_span("path")


@rule(
    id="DC051",
    name="env-file-exists",
    severity="error",
    summary="env_file names a file that does not exist",
    rationale=(
        "Compose refuses to start a project whose `env_file` is missing (unless the entry "
        "says `required: false`), and a typo in the name is only found at deploy time. "
        "Paths are relative to the compose file's folder."
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
    for service in compose.services:
        for written, required, span in env_files(service):
            resolved = compose.resolve(written)
            if not required or resolved is None or not resolved.complete or not resolved.text:
                continue
            path = os.path.join(folder, os.path.expanduser(resolved.text))
            if not os.path.exists(path):
                yield Problem(span, f"service {service.name!r}: env_file {compose.shown(written, quoted=True)} does not exist")
