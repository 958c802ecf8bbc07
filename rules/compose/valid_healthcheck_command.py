"""healthcheck ``test:`` in a form Docker does not run as meant."""

from lintkit.model import Example, Problem, rule

FORMS = ("CMD", "CMD-SHELL", "NONE")


def problem_with(test) -> str | None:
    if isinstance(test, str):
        return "the test is empty" if not test.strip() else None
    if not isinstance(test, list):
        return None  # the schema reports other types
    if not test:
        return "the test list is empty"
    form = test[0]
    if form not in FORMS:
        return f"a test list starts with CMD, CMD-SHELL or NONE, not {form!r}"
    args = test[1:]
    if form == "NONE":
        return "NONE takes no command" if args else None
    if not args:
        return f"{form} has no command"
    if form == "CMD-SHELL" and len(args) > 1:
        return "CMD-SHELL takes one command string; the words after the first are not run (join them into one string)"
    if form == "CMD" and len(args) == 1 and isinstance(args[0], str) and " " in args[0].strip():
        return (
            f"CMD runs {args[0].split()[0]!r} with arguments given as separate items; "
            f"as one string it looks for a program named {args[0]!r} (use CMD-SHELL)"
        )
    return None


@rule(
    id="DC052",
    name="valid-healthcheck-test",
    severity="error",
    summary="healthcheck test in an invalid form",
    rationale=(
        "`test:` is a string (run by the shell), or a list starting with `CMD` (exec form: "
        "program and arguments as separate items), `CMD-SHELL` (one command string) or "
        "`NONE`. `[\"CMD\", \"curl -f http://localhost\"]` looks fine and fails every time: "
        "Docker searches for a program whose name contains the spaces, and the service "
        "never becomes healthy."
    ),
    tags=("reliability",),
    examples=(
        Example(
            bad="services:\n  web:\n    image: nginx:1.27\n    healthcheck:\n      test: [\"CMD\", \"curl -f http://localhost\"]\n",
            good="services:\n  web:\n    image: nginx:1.27\n    healthcheck:\n      test: [\"CMD\", \"curl\", \"-f\", \"http://localhost\"]\n",
            filename="docker-compose.yml",
        ),
    ),
)
def check(compose, ctx):
    for service in compose.services:
        hc = service.node.get("healthcheck")
        if not isinstance(hc, dict) or "test" not in hc:
            continue
        message = problem_with(hc["test"])
        if message:
            yield Problem(hc.value_span("test"), f"service {service.name!r}: {message}")
