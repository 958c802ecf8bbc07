"""Two services with the same container_name."""

from lintkit.model import Example, Problem, rule
from lintkit.parsers.compose import reported

from ._project import FACTS


@rule(
    id="DC007",
    name="unique-container-names",
    severity="error",
    summary="Two services use the same container_name",
    rationale=(
        "Docker container names are unique per host: the second service fails to start with "
        "a name conflict. Checked across the base file and its overrides."
    ),
    tags=("reliability",),
    aliases=("dclint:no-duplicate-container-names",),
    collect=FACTS,
    examples=(
        Example(
            bad="services:\n  a:\n    image: a:1.0\n    container_name: app\n  b:\n    image: b:1.0\n    container_name: app\n",
            good="services:\n  a:\n    image: a:1.0\n    container_name: app-a\n  b:\n    image: b:1.0\n    container_name: app-b\n",
            filename="docker-compose.yml",
        ),
    ),
)
def check(projects, ctx):
    for project in projects:
        final: dict[str, tuple] = {}
        for f in project.files:
            for name, sf in f.services.items():
                if sf.container_name is not None:
                    final[name] = (sf.container_name[0], sf.container_name[1], f)
        owners: dict[str, str] = {}
        for service, (container, span, f) in sorted(final.items(), key=lambda kv: (kv[1][2].path, kv[1][1].line)):
            if "$" in container:
                continue
            if container in owners:
                if reported(f):
                    yield Problem(span, f"container name {container!r} is also used by service {owners[container]!r}", path=f.path)
            else:
                owners[container] = service
