"""Job defaults written as deprecated top-level keywords instead of under ``default:``."""

from lintkit.model import Example, Problem, rule
from lintkit.parsers.gitlab_ci import GLOBAL_DEFAULT_KEYS


@rule(
    id="GL028",
    name="use-default-section",
    severity="info",
    summary="Top-level `image`, `services`, `cache`, `before_script` or `after_script` instead of `default:`",
    rationale=(
        "GitLab deprecates defining these keywords at the top level of the pipeline; it "
        "keeps reading them as job defaults, but `default:` is where they belong. It also "
        "takes the other defaults (`tags`, `retry`, `timeout`, `interruptible`...), and a "
        "job opts out of them with `inherit: default:`."
    ),
    tags=("maintainability", "style"),
    aliases=("gitlab-lint:global-keywords-deprecated",),
    examples=(
        Example(
            bad="image: python:3.12\nbefore_script:\n  - pip install -r requirements.txt\ntest:\n  script: pytest\n",
            good=(
                "default:\n  image: python:3.12\n  before_script:\n    - pip install -r requirements.txt\n"
                "test:\n  script: pytest\n"
            ),
            filename=".gitlab-ci.yml",
        ),
    ),
)
def check(pipeline, ctx):
    root = pipeline.root
    for key in GLOBAL_DEFAULT_KEYS:
        if key in root:
            yield Problem(root.key_span(key), f"top-level `{key}:` is deprecated; move it under `default:`")
