"""Networks, volumes, secrets and configs declared but used by no service."""

from lintkit.model import Example, Problem, rule
from lintkit.parsers.compose import reported

from ._project import FACTS


@rule(
    id="DC042",
    name="unused-top-level-declarations",
    severity="info",
    summary="A declared network, volume, secret or config is used by no service",
    rationale=(
        "A declaration nothing uses is usually left over from a rename, and Compose still "
        "creates the network or volume. Checked across the base file, its overrides and "
        "included files, and other compose files of the folder (combined with `-f`); the "
        "`default` network counts as used when a service relies on it."
    ),
    tags=("maintainability",),
    collect=FACTS,
    examples=(
        Example(
            bad="services:\n  db:\n    image: postgres:16.4\nvolumes:\n  data:\n",
            good="services:\n  db:\n    image: postgres:16.4\n    volumes: [data:/var/lib/postgresql/data]\nvolumes:\n  data:\n",
            filename="docker-compose.yml",
        ),
    ),
)
def check(projects, ctx):
    for project in projects:
        used = {section: set() for section in ("networks", "volumes", "secrets", "configs")}
        for f in project.files:
            for sf in f.services.values():
                for ref in sf.refs:
                    if ref.kind in used:
                        used[ref.kind].add(ref.name)
            if f.uses_default_network and f.services:
                used["networks"].add("default")
        for f in project.files:
            if not reported(f):
                continue
            for section, names in f.declared.items():
                for name, span in names.items():
                    if name not in used[section] and not project.used_nearby(section, name):
                        yield Problem(span, f"{section[:-1]} {name!r} is declared but no service uses it", path=f.path)
