"""EXPOSE 22."""

from lintkit.model import Example, Problem, rule
from lintkit.numbers import decimal

from .valid_expose_port import exposed_ports


@rule(
    id="DF042",
    name="no-expose-ssh",
    severity="warning",
    summary="EXPOSE opens port 22 (SSH)",
    rationale=(
        "A container should not run an SSH server: use `docker exec` / `kubectl exec`. An "
        "exposed sshd is one more service with credentials to attack."
    ),
    tags=("security",),
    aliases=("CKV_DOCKER_1", "DS004"),
    examples=(
        Example(
            bad="FROM alpine:3.20\nEXPOSE 22\n",
            good="FROM alpine:3.20\nEXPOSE 8080\n",
            filename="Dockerfile",
        ),
    ),
)
def check(dockerfile, ctx):
    for instruction in dockerfile.instructions_named("EXPOSE"):
        for token, port, _ in exposed_ports(instruction):
            bounds = port.split("-", 1)
            numbers = [decimal(b) for b in bounds]
            if None not in numbers and numbers[0] <= 22 <= numbers[-1]:
                yield Problem(token.span, "Do not expose the SSH port 22")
