"""EXPOSE protocol written in upper case."""

from lintkit.model import Example, Problem, rule

from .valid_expose_port import exposed_ports


@rule(
    id="DF080",
    name="expose-protocol-casing",
    severity="style",
    summary="EXPOSE protocol not in lower case (`80/TCP`)",
    rationale="Protocols are written `tcp`/`udp`/`sctp`; tools compare them case-sensitively.",
    tags=("style",),
    aliases=("buildkit:ExposeProtoCasing",),
    examples=(
        Example(
            bad="FROM alpine:3.20\nEXPOSE 53/UDP\n",
            good="FROM alpine:3.20\nEXPOSE 53/udp\n",
            filename="Dockerfile",
        ),
    ),
)
def check(dockerfile, ctx):
    for instruction in dockerfile.instructions_named("EXPOSE"):
        for token, _, protocol in exposed_ports(instruction):
            if protocol and protocol != protocol.lower():
                yield Problem(token.span, f"Write the protocol of {token.value} in lower case")
