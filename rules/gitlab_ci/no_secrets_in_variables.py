"""Literal credentials in ``variables:``."""

from lintkit.model import Example, Problem, rule
from lintkit.secrets import looks_like_secret, mask
from lintkit.yamlmodel import YMap


@rule(
    id="GL016",
    name="no-secrets-in-variables",
    severity="error",
    summary="Secret-looking literal in `variables:` instead of a masked CI/CD variable",
    rationale=(
        "Everything in .gitlab-ci.yml is readable by everyone who can read the repository, "
        "forever (history keeps it). Define credentials as masked, protected CI/CD "
        "variables in the project settings or fetch them from a secret manager."
    ),
    tags=("security",),
    reports_secrets=True,
    examples=(
        Example(
            bad="variables:\n  DB_PASSWORD: hunter2hunter2\ntest:\n  script: make test\n",
            good="test:\n  script: make test  # DB_PASSWORD is a masked CI/CD variable\n",
            filename=".gitlab-ci.yml",
        ),
    ),
)
def check(pipeline, ctx):
    holders = [("(top level)", pipeline.root)]
    if isinstance(pipeline.root.get("default"), YMap):
        holders.append(("default", pipeline.root["default"]))
    holders += [(job.name, job.node) for job in pipeline.jobs]
    for owner, holder in holders:
        variables = holder.get("variables")
        if not isinstance(variables, YMap):
            continue
        for name, value in variables.items():
            span = variables.value_span(name)
            if isinstance(value, YMap):  # {value: ..., description: ...}
                span = value.value_span("value") if "value" in value else span
                value = value.get("value")
            if isinstance(name, str) and looks_like_secret(name, value):
                yield Problem(span, f"{owner}: variable {name} holds a literal secret ({mask(value)}); use a masked CI/CD variable", secret_spans=(span,))
