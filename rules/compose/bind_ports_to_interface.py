"""Published ports listening on every interface of the host."""

from lintkit.model import Example, Problem, rule
from lintkit.parsers.compose import is_wildcard_ip


@rule(
    id="DC010",
    name="bind-ports-to-interface",
    severity="warning",
    summary="Published port has no host IP, so it listens on every interface",
    rationale=(
        "`8080:80` publishes on 0.0.0.0 (and ::): every network the host is on can reach "
        "the service, and Docker inserts its own iptables rules ahead of host firewalls "
        "such as ufw or firewalld, so the firewall does not stop it. Bind to the interface "
        "meant to serve it, e.g. `127.0.0.1:8080:80` behind a reverse proxy."
    ),
    tags=("security",),
    aliases=(
        "dclint:no-unbound-port-interfaces",
        "compose-lint:CL-0005",
        "kics:container_traffic_not_bound_to_host_interface",
    ),
    examples=(
        Example(
            bad="services:\n  web:\n    image: nginx:1.27\n    ports:\n      - '8080:80'\n",
            good="services:\n  web:\n    image: nginx:1.27\n    ports:\n      - '127.0.0.1:8080:80'\n",
            filename="docker-compose.yml",
        ),
    ),
)
def check(compose, ctx):
    for service in compose.services:
        for spec, span, item in service.ports():
            host_ip = spec.host_ip
            if host_ip is not None:
                resolved = compose.resolve(host_ip)
                if not resolved.complete:
                    continue  # the address comes from a variable with no default
                host_ip = resolved.text
            if host_ip is not None and not is_wildcard_ip(host_ip):
                continue
            if spec.published is None:
                message = (
                    f"container port {spec.target} is published on a random host port on every "
                    "interface; bind it to an address, e.g. `127.0.0.1::" + spec.target + "`"
                )
            else:
                shown = f"{spec.published}:{spec.target}"
                message = (
                    f"port {shown} is published on every interface of the host; bind it to an "
                    f"address, e.g. `127.0.0.1:{shown}`"
                )
            yield Problem(span, f"service {service.name!r}: {message}")
