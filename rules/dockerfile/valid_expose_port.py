"""EXPOSE with a port that is not a number in 0-65535."""

from lintkit.model import Example, Problem, rule
from lintkit.numbers import decimal


def exposed_ports(instruction):
    """(token, port text, protocol) for each EXPOSE argument with known value."""
    for token in instruction.args:
        value = instruction.expand(token.value)
        if value is None:
            continue
        port, _, protocol = value.partition("/")
        yield token, port, protocol


@rule(
    id="DF041",
    name="valid-expose-port",
    severity="error",
    summary="EXPOSE port is not a valid 0-65535 number (or range)",
    rationale="Docker rejects such a port when the image is run or inspected.",
    tags=("reliability",),
    aliases=("DL3011", "DS008", "dockerfilelint:invalid_port", "buildkit:ExposeInvalidFormat"),
    examples=(
        Example(
            bad="FROM alpine:3.20\nEXPOSE 80000\n",
            good="FROM alpine:3.20\nEXPOSE 8080\n",
            filename="Dockerfile",
        ),
    ),
)
def check(dockerfile, ctx):
    for instruction in dockerfile.instructions_named("EXPOSE"):
        for token, port, protocol in exposed_ports(instruction):
            if ":" in port:
                continue  # host:container mappings are reported by expose-container-port-only
            bounds = port.split("-", 1)
            valid = all(decimal(b) is not None and decimal(b) <= 65535 for b in bounds) and protocol.lower() in (
                "",
                "tcp",
                "udp",
                "sctp",
            )
            if not valid:
                yield Problem(token.span, f"Invalid port {token.value}")
