"""The same host port published twice."""

from lintkit.model import Example, Problem, rule
from lintkit.parsers.compose import is_wildcard_ip, reported

from ._project import FACTS


@rule(
    id="DC009",
    name="unique-host-ports",
    severity="error",
    summary="The same host port is published by more than one mapping",
    rationale=(
        "Only one container can bind a host address and port: the second one fails with "
        "`port is already allocated`. Mappings on different host addresses do not clash; "
        "one on every interface clashes with all. Checked across the base file and its overrides."
    ),
    tags=("reliability",),
    aliases=("dclint:no-duplicate-exported-ports",),
    collect=FACTS,
    examples=(
        Example(
            bad="services:\n  a:\n    image: a:1.0\n    ports: ['127.0.0.1:8080:80']\n  b:\n    image: b:1.0\n    ports: ['127.0.0.1:8080:8080']\n",
            good="services:\n  a:\n    image: a:1.0\n    ports: ['127.0.0.1:8080:80']\n  b:\n    image: b:1.0\n    ports: ['127.0.0.1:8081:8080']\n",
            filename="docker-compose.yml",
        ),
    ),
)
def check(projects, ctx):
    for project in projects:
        taken: dict[tuple[int, str], list[tuple[str, str]]] = {}
        for f in project.files:
            for name, sf in f.services.items():
                reported_here: set = set()
                for host_ip, port, protocol, span in sf.published:
                    holders = taken.setdefault((port, protocol), [])
                    clash = next(
                        (owner for ip, owner in holders if ip == host_ip or is_wildcard_ip(ip) or is_wildcard_ip(host_ip)),
                        None,
                    )
                    holders.append((host_ip, name))
                    if clash is not None and reported(f) and (span, port) not in reported_here:
                        reported_here.add((span, port))
                        where = "this service" if clash == name else f"service {clash!r}"
                        yield Problem(span, f"host port {port}/{protocol} is already published by {where}", path=f.path)
