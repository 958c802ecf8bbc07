"""USER given as a name instead of a numeric UID."""

from lintkit.model import Example, Problem, rule


@rule(
    id="DF028",
    name="numeric-user-id",
    severity="info",
    summary="USER names a user instead of a numeric UID",
    rationale=(
        "Runtimes and policies (Kubernetes runAsNonRoot) can only verify that a container "
        "does not run as root when the image's user is numeric; a name is resolved inside "
        "the image and cannot be checked from outside."
    ),
    tags=("security",),
    aliases=("DL3066",),
    examples=(
        Example(
            bad="FROM node:20-alpine\nUSER node\n",
            good="FROM node:20-alpine\nUSER 1000:1000\n",
            filename="Dockerfile",
        ),
    ),
)
def check(dockerfile, ctx):
    for instruction in dockerfile.instructions_named("USER"):
        if not instruction.args:
            continue
        token = instruction.args[0]
        value = instruction.expand(token.value)
        if value is None:
            continue  # a build argument: cannot tell
        user = value.split(":", 1)[0]
        if not user.isdigit():
            yield Problem(token.span, f"Use a numeric UID instead of the user name {user}")
