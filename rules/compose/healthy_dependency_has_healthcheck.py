"""``condition: service_healthy`` on a service without a healthcheck."""

from lintkit.model import Example, Problem, rule
from lintkit.parsers.compose import reported

from ._project import FACTS


@rule(
    id="DC043",
    name="healthy-dependency-has-healthcheck",
    severity="error",
    summary="depends_on waits for service_healthy on a service without a healthcheck",
    rationale=(
        "A service is only ever `healthy` if it has a healthcheck; waiting for "
        "`service_healthy` on one without (or with `disable: true`) fails the start with "
        "`container ... has no healthcheck configured`. Checked across the base file and "
        "its overrides; an image or Dockerfile that declares HEALTHCHECK counts."
    ),
    tags=("reliability",),
    collect=FACTS,
    examples=(
        Example(
            bad="services:\n  web:\n    image: app:1.0\n    depends_on:\n      db:\n        condition: service_healthy\n  db:\n    image: postgres:16.4\n",
            good=(
                "services:\n  web:\n    image: app:1.0\n    depends_on:\n      db:\n        condition: service_healthy\n"
                "  db:\n    image: postgres:16.4\n    healthcheck:\n      test: [CMD, pg_isready]\n"
            ),
            filename="docker-compose.yml",
        ),
    ),
)
def check(projects, ctx):
    for project in projects:
        state: dict[str, str | None] = {}
        for f in project.files:
            for name, sf in f.services.items():
                if sf.healthcheck is not None:
                    state[name] = sf.healthcheck
                else:
                    state.setdefault(name, None)
        for f in project.files:
            if not reported(f):
                continue
            for name, sf in f.services.items():
                for ref in sf.refs:
                    if ref.condition != "service_healthy" or ref.name not in state or project.defined_nearby("service", ref.name):
                        continue
                    target = state[ref.name]
                    if target == "set" or (target is None and project_built_with_healthcheck(project, ref.name)):
                        continue
                    why = "disables its healthcheck" if target == "disabled" else "has no healthcheck"
                    yield Problem(ref.span, f"service {name!r} waits for {ref.name!r} to be healthy, but {ref.name!r} {why}", path=f.path)


def project_built_with_healthcheck(project, name) -> bool:
    return any(f.services[name].build_healthcheck for f in project.files if name in f.services)
