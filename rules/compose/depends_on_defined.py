"""depends_on, links, extends and ``service:`` references to services that do not exist."""

from lintkit.model import Example, Problem, rule
from lintkit.parsers.compose import reported

from ._project import FACTS


@rule(
    id="DC040",
    name="depends-on-defined",
    severity="error",
    summary="depends_on / links / extends name a service that does not exist",
    rationale=(
        "Compose refuses a project whose `depends_on`, `links`, `extends`, `volumes_from` or "
        "`network_mode: service:` names an undefined service, typically after a rename. "
        "Checked against the base file, its overrides and included files; a service "
        "defined by another compose file in the same folder (combined with `-f`) counts."
    ),
    tags=("reliability",),
    collect=FACTS,
    examples=(
        Example(
            bad="services:\n  web:\n    image: nginx:1.27\n    depends_on: [api]\n  app:\n    image: app:1.0\n",
            good="services:\n  web:\n    image: nginx:1.27\n    depends_on: [app]\n  app:\n    image: app:1.0\n",
            filename="docker-compose.yml",
        ),
    ),
)
def check(projects, ctx):
    for project in projects:
        defined = set(project.services())
        for f in project.files:
            if not reported(f):
                continue
            for name, sf in f.services.items():
                for ref in sf.refs:
                    if ref.kind != "service" or ref.name in defined or "$" in ref.name:
                        continue
                    if not project.defined_nearby("service", ref.name):
                        yield Problem(ref.span, f"service {name!r}: {ref.via} names {ref.name!r}, which is not a service here", path=f.path)
