"""``environment: on_stop:`` names a job that cannot stop the environment."""

from lintkit.model import Example, Problem, rule

from . import _pipeline


@rule(
    id="GL027",
    name="environment-on-stop",
    severity="error",
    summary="`environment: on_stop:` names a missing job, or one without the same environment and `action: stop`",
    rationale=(
        "GitLab runs the `on_stop` job to tear an environment down (a review app when its "
        "branch is deleted). It rejects the pipeline when that job does not exist, has no "
        "`environment:`, names another environment, or lacks `action: stop`; a stop job "
        "that is not declared as one would deploy instead of stopping."
    ),
    tags=("reliability",),
    aliases=("gitlab-lint:on-stop-invalid",),
    collect=_pipeline.FACTS,
    examples=(
        Example(
            bad=(
                "review:\n  script: ./deploy.sh\n  environment:\n    name: review/$CI_COMMIT_REF_SLUG\n"
                "    on_stop: stop_review\n"
                "stop_review:\n  script: ./teardown.sh\n  when: manual\n  environment:\n"
                "    name: review/$CI_COMMIT_REF_SLUG\n"
            ),
            good=(
                "review:\n  script: ./deploy.sh\n  environment:\n    name: review/$CI_COMMIT_REF_SLUG\n"
                "    on_stop: stop_review\n"
                "stop_review:\n  script: ./teardown.sh\n  when: manual\n  environment:\n"
                "    name: review/$CI_COMMIT_REF_SLUG\n    action: stop\n"
            ),
            filename=".gitlab-ci.yml",
        ),
    ),
)
def check(pipelines, ctx):
    yield from _pipeline.unique(_problems(pipelines))


def _problems(pipelines):
    for pipeline in _pipeline.entry_pipelines(pipelines):
        for job in pipeline.visible_jobs:
            environment = pipeline.environment_of(job)
            if environment is None or environment[0] != "map" or "on_stop" not in environment[1]:
                continue
            on_stop, span, path = environment[1]["on_stop"]
            if not isinstance(on_stop, str) or "$" in on_stop:
                continue
            message = _problem(pipeline, job, environment[1], on_stop)
            if message:
                yield Problem(span, f"job {job.name!r}: `on_stop: {on_stop}` {message}", path=path)


def _problem(pipeline, job, keys, on_stop):
    stop = pipeline.jobs.get(on_stop)
    if stop is None or stop.hidden:
        if not pipeline.complete:
            return None  # it may come from an include lintkit cannot read
        return "names a hidden template, not a job" if stop is not None else "names a job that does not exist"
    if not pipeline.fully_known(stop):
        return None  # its environment may come from a template lintkit cannot see
    stop_environment = pipeline.environment_of(stop)
    if stop_environment is None:
        return f"names {on_stop!r}, which has no `environment:`"
    kind, stop_keys = stop_environment
    if kind == "unknown":
        return None
    name, stop_name = keys.get("name", (None,))[0], stop_keys.get("name", (None,))[0]
    if isinstance(name, str) and isinstance(stop_name, str) and name != stop_name and "$" not in name + stop_name:
        return f"names {on_stop!r}, whose environment is {stop_name!r}, not {name!r}"
    if stop_keys.get("action", (None,))[0] != "stop":
        return f"names {on_stop!r}, whose `environment:` lacks `action: stop`"
    return None
