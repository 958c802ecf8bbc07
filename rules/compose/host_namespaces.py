"""Sharing a host namespace: one idea, four keys (kube-linter's template shape)."""

from lintkit.model import Example, Problem, rule

#: (id, name, key, summary, rationale, aliases)
NAMESPACES = (
    ("DC029", "no-host-network", "network_mode", "the host's network stack",
     "With `network_mode: host` the container shares the host's interfaces: it can bind "
     "any host port, reach services listening on localhost and sniff host traffic, and "
     "published ports stop meaning anything.",
     ("compose-lint:CL-0008", "kics:shared_host_network_namespace")),
    ("DC030", "no-host-pid", "pid", "the host's process table",
     "With `pid: host` the container sees every host process, can signal them and, with "
     "ptrace, read their memory and environment (secrets included).",
     ("compose-lint:CL-0010", "kics:host_namespace_is_shared")),
    ("DC031", "no-host-ipc", "ipc", "the host's IPC namespace",
     "With `ipc: host` the container reaches the host's shared memory segments and "
     "message queues, which other programs use to exchange data.",
     ("compose-lint:CL-0010", "kics:shared_host_ipc_namespace")),
    ("DC032", "no-host-userns", "userns_mode", "the host's user namespace",
     "With `userns_mode: host` the container opts out of user-namespace remapping: its "
     "root is the host's UID 0.",
     ("kics:shared_host_user_namespace",)),
)  # fmt: skip


def _make(rule_id, name, key, what, rationale, aliases):
    @rule(
        id=rule_id,
        name=name,
        severity="warning",
        summary=f"Service shares {what} (`{key}: host`)",
        rationale=rationale + " Keep the default private namespace.",
        tags=("security",),
        aliases=aliases,
        examples=(
            Example(
                bad=f"services:\n  app:\n    image: app:1.0\n    {key}: host\n",
                good="services:\n  app:\n    image: app:1.0\n",
                filename="docker-compose.yml",
            ),
        ),
    )
    def check(compose, ctx):
        for service in compose.services:
            if key in service.node and compose.resolved_text(service.node[key]) == "host":
                yield Problem(service.node.value_span(key), f"service {service.name!r} shares {what} (`{key}: host`)")

    return check


RULES = [_make(*row) for row in NAMESPACES]
