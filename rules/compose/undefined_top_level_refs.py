"""Networks, volumes, secrets and configs used by a service but not declared."""

from lintkit.model import Example, Problem, rule
from lintkit.parsers.compose import reported

from ._project import FACTS

#: Networks every project has without declaring them.
IMPLICIT_NETWORKS = frozenset(("default",))


@rule(
    id="DC041",
    name="undefined-top-level-refs",
    severity="error",
    summary="Service references a network, volume, secret or config not declared at the top level",
    rationale=(
        "A service may only use networks, named volumes, secrets and configs declared in the "
        "top-level sections; Compose stops with `refers to undefined network/volume/...`. "
        "A named volume that was meant as a host path needs `./` in front."
    ),
    tags=("reliability",),
    collect=FACTS,
    examples=(
        Example(
            bad="services:\n  db:\n    image: postgres:16.4\n    volumes:\n      - data:/var/lib/postgresql/data\n",
            good="services:\n  db:\n    image: postgres:16.4\n    volumes:\n      - data:/var/lib/postgresql/data\nvolumes:\n  data:\n",
            filename="docker-compose.yml",
        ),
    ),
)
def check(projects, ctx):
    for project in projects:
        if any(f.legacy_v1 for f in project.files):
            continue  # v1 created networks and volumes on the fly
        declared = {section: project.declared(section) for section in ("networks", "volumes", "secrets", "configs")}
        for f in project.files:
            if not reported(f):
                continue
            for name, sf in f.services.items():
                for ref in sf.refs:
                    if ref.kind == "service" or "$" in ref.name:
                        continue
                    if ref.name in declared[ref.kind] or (ref.kind == "networks" and ref.name in IMPLICIT_NETWORKS):
                        continue
                    if project.defined_nearby(ref.kind, ref.name):
                        continue
                    what = ref.kind[:-1]
                    yield Problem(ref.span, f"service {name!r} uses {what} {ref.name!r}, which is not declared under top-level `{ref.kind}:`", path=f.path)
