"""Security scanning jobs allowed to fail."""

from lintkit.model import Example, Problem, rule

#: Names of GitLab's scanner jobs and templates, and common scanners.
SCANNERS = (
    "sast", "dependency_scanning", "container_scanning", "secret_detection", "dast",
    "license_scanning", "api_fuzzing", "coverage_fuzzing", "iac", "trivy", "grype",
    "semgrep", "gitleaks", "trufflehog", "snyk", "bandit", "gosec", "kics",
)  # fmt: skip


@rule(
    id="GL020",
    name="security-jobs-blocking",
    severity="warning",
    summary="Security scanning job set to `allow_failure: true`",
    rationale=(
        "A scanner that may fail never stops a pipeline: a crashed scan, an expired "
        "license or a finding all turn into a yellow mark nobody reads. Let the scan fail "
        "the pipeline, and handle accepted findings in the scanner's own configuration."
    ),
    tags=("security",),
    examples=(
        Example(
            bad="trivy_scan:\n  image: aquasec/trivy:0.57.0\n  script: trivy image --exit-code 1 app\n  allow_failure: true\n",
            good="trivy_scan:\n  image: aquasec/trivy:0.57.0\n  script: trivy image --exit-code 1 app\n",
            filename=".gitlab-ci.yml",
        ),
    ),
)
def check(pipeline, ctx):
    for job in pipeline.jobs:
        if job.node.get("allow_failure") is not True:
            continue
        names = [job.name.lower(), *(p.lower() for p in pipeline.extends_of(job.node))]
        if any(_is_scanner(n) for n in names):
            yield Problem(job.node.value_span("allow_failure"), f"security job {job.name!r} is allowed to fail, so its findings never block the pipeline")


def _is_scanner(name: str) -> bool:
    words = name.lstrip(".").replace("-", "_").replace(" ", "_").replace(":", "_").split("_")
    joined = "_".join(words)
    return any(s in words or joined.startswith(s) for s in SCANNERS)
