"""Docker-in-Docker services reached without TLS."""

from lintkit.images import parse_image
from lintkit.model import Example, Problem, rule
from lintkit.yamlmodel import YMap, YSeq


@rule(
    id="GL018",
    name="dind-tls",
    severity="warning",
    summary="docker:dind service used with TLS turned off",
    rationale=(
        "With `DOCKER_TLS_CERTDIR: \"\"` or `DOCKER_HOST: tcp://...:2375` the Docker daemon "
        "of the dind service listens unauthenticated: any container on the job's network "
        "(other services, a compromised dependency) can drive it, and a privileged dind "
        "daemon is root on the runner host."
    ),
    tags=("security",),
    examples=(
        Example(
            bad=(
                "build:\n  image: docker:27.3\n  services: [docker:27.3-dind]\n  variables:\n"
                "    DOCKER_TLS_CERTDIR: \"\"\n    DOCKER_HOST: tcp://docker:2375\n  script: docker build .\n"
            ),
            good=(
                "build:\n  image: docker:27.3\n  services: [docker:27.3-dind]\n  variables:\n"
                "    DOCKER_TLS_CERTDIR: /certs\n  script: docker build .\n"
            ),
            filename=".gitlab-ci.yml",
        ),
    ),
)
def check(pipeline, ctx):
    for job in pipeline.jobs:
        effective = job.effective
        if not _uses_dind(effective.get("services")):
            continue
        variables = _variables(pipeline.resolved_root, effective)
        for name, holder in variables.items():
            value = holder[name]
            if name == "DOCKER_TLS_CERTDIR" and value in ("", None):
                span = holder.value_span(name) if name in holder._pos else job.name_span()
                yield Problem(span, f"job {job.name!r}: DOCKER_TLS_CERTDIR is empty, so the dind daemon runs without TLS")
            elif name == "DOCKER_HOST" and isinstance(value, str) and value.startswith("tcp://") and value.rstrip("/").endswith(":2375"):
                span = holder.value_span(name) if name in holder._pos else job.name_span()
                yield Problem(span, f"job {job.name!r}: DOCKER_HOST {value} is the dind daemon's plain-text port; use tcp://docker:2376 with TLS")


def _uses_dind(services) -> bool:
    if not isinstance(services, YSeq):
        return False
    for service in services:
        name = service.get("name") if isinstance(service, YMap) else service
        if isinstance(name, str) and "dind" in (parse_image(name).tag or ""):
            return True
    return False


def _variables(root: YMap, job: YMap) -> dict:
    """Variable name -> the mapping that sets it (the job's own win over global ones)."""
    found = {}
    for holder in (root.get("variables"), job.get("variables")):
        if isinstance(holder, YMap):
            for name in holder:
                if isinstance(name, str):
                    found[name] = holder
    return found
