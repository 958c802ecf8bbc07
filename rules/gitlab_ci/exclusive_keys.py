"""Keywords GitLab refuses to combine in one job."""

from lintkit.model import Example, Problem, rule

#: (keyword, keywords it cannot be combined with, GitLab's reason)
EXCLUSIVE = (
    ("rules", ("only", "except"), "`rules:` replaces `only:`/`except:`; GitLab rejects a job with both"),
    ("trigger", ("script", "run"), "a trigger job starts another pipeline and runs no script"),
    ("script", ("run",), "`run:` steps replace `script:`"),
)


@rule(
    id="GL011",
    name="exclusive-keys",
    severity="error",
    summary="Job combines keywords that cannot be used together (rules with only/except, script with trigger)",
    rationale=(
        "GitLab rejects the pipeline when a job, after `extends:` is applied, has both "
        "`rules:` and `only:`/`except:`, or both `script:` and `trigger:`. Through "
        "`extends:` this often happens by accident: a template written with `only:` "
        "used by a job written with `rules:`."
    ),
    tags=("reliability",),
    aliases=("gitlab-lint:rules-with-only-except", "gitlab-lint:script-and-trigger"),
    examples=(
        Example(
            bad="test:\n  script: make test\n  only: [main]\n  rules:\n    - if: $CI_COMMIT_BRANCH\n",
            good="test:\n  script: make test\n  rules:\n    - if: $CI_COMMIT_BRANCH == \"main\"\n",
            filename=".gitlab-ci.yml",
        ),
    ),
)
def check(pipeline, ctx):
    for job in pipeline.jobs:
        if job.hidden:
            continue
        merged = job.resolved
        for key, others, reason in EXCLUSIVE:
            if key not in merged:
                continue
            for other in others:
                if other not in merged:
                    continue
                # Point at the keyword the job itself writes (the template's otherwise).
                own = other if other in job.node else key if key in job.node else None
                span = job.node.key_span(own) if own else job.name_span()
                inherited = "" if (key in job.node and other in job.node) else " (one of them through extends:)"
                yield Problem(span, f"job {job.name!r} has both `{key}:` and `{other}:`{inherited}: {reason}")
