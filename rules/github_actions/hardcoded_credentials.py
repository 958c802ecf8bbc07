"""Registry passwords written into ``container:`` / ``services:`` credentials."""

from lintkit.model import Example, Problem, rule
from lintkit.secrets import mask
from lintkit.yamlmodel import YMap


@rule(
    id="GH018",
    name="no-hardcoded-credentials",
    severity="error",
    summary="`credentials.password` of a job or service container is written in the workflow",
    rationale=(
        "A password in the workflow file is readable by everyone who can read the repository "
        "(everyone, for a public one) and stays in its history after it is changed. Store it "
        "as a secret and write `password: ${{ secrets.REGISTRY_PASSWORD }}`."
    ),
    tags=("security",),
    reports_secrets=True,
    aliases=("zizmor:hardcoded-container-credentials", "actionlint:credentials"),
    examples=(
        Example(
            bad=(
                "on: push\npermissions: {}\njobs:\n  test:\n    runs-on: ubuntu-24.04\n    container:\n"
                "      image: registry.example.com/ci:1.4\n      credentials:\n        username: ci\n"
                "        password: hunter2-registry\n    steps:\n      - run: make test\n"
            ),
            good=(
                "on: push\npermissions: {}\njobs:\n  test:\n    runs-on: ubuntu-24.04\n    container:\n"
                "      image: registry.example.com/ci:1.4\n      credentials:\n        username: ci\n"
                "        password: ${{ secrets.REGISTRY_PASSWORD }}\n    steps:\n      - run: make test\n"
            ),
            filename=".github/workflows/test.yml",
        ),
    ),
)
def check(workflow, ctx):
    for job in workflow.jobs:
        containers = [("container", job.node.get("container"))]
        services = job.node.get("services")
        if isinstance(services, YMap):
            containers += [(f"service {name!r}", spec) for name, spec in services.items()]
        for owner, spec in containers:
            credentials = spec.get("credentials") if isinstance(spec, YMap) else None
            if not isinstance(credentials, YMap) or "password" not in credentials:
                continue
            password = credentials["password"]
            if password is None or (isinstance(password, str) and ("${{" in password or not password.strip())):
                continue
            span = credentials.value_span("password")
            yield Problem(
                span,
                f"job {job.id!r}: the {owner}'s registry password is written in the workflow ({mask(password)}); use a secret",
                secret_spans=(span,),
            )
