"""EXPOSE with a host:container mapping."""

from lintkit.model import Example, Problem, rule

from .valid_expose_port import exposed_ports


@rule(
    id="DF043",
    name="expose-container-port-only",
    severity="warning",
    summary="EXPOSE given a host:container mapping; only the container port belongs there",
    rationale=(
        "Which host port to publish is decided at run time (`-p`, compose `ports:`); the "
        "image can only document the port it listens on."
    ),
    tags=("reliability",),
    aliases=("dockerfilelint:expose_host_port",),
    examples=(
        Example(
            bad="FROM alpine:3.20\nEXPOSE 80:8080\n",
            good="FROM alpine:3.20\nEXPOSE 8080\n",
            filename="Dockerfile",
        ),
    ),
)
def check(dockerfile, ctx):
    for instruction in dockerfile.instructions_named("EXPOSE"):
        for token, port, _ in exposed_ports(instruction):
            if ":" in port:
                yield Problem(token.span, f"EXPOSE {token.value}: expose only the container port")
