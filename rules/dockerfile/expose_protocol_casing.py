"""EXPOSE protocol written in upper case."""

from lintkit.model import Edit, Example, Fix, Problem, rule

from .valid_expose_port import exposed_ports


@rule(
    id="DF080",
    name="expose-protocol-casing",
    severity="style",
    summary="EXPOSE protocol not in lower case (`80/TCP`)",
    rationale="Protocols are written `tcp`/`udp`/`sctp`; tools compare them case-sensitively.",
    tags=("style",),
    aliases=("buildkit:ExposeProtoCasing",),
    fix="safe",
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
                fix = None
                if token.raw == token.value and token.raw.endswith("/" + protocol):
                    written = token.raw[: -len(protocol)] + protocol.lower()
                    fix = Fix("lower-case the protocol", (Edit(token.span, written),))
                yield Problem(token.span, f"Write the protocol of {token.value} in lower case", fix)
