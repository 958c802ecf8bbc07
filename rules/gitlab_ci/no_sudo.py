"""``sudo`` in CI script lines."""

from lintkit.model import Example, Problem, rule


@rule(
    id="GL013",
    name="no-sudo",
    severity="warning",
    summary="Script line runs `sudo`",
    rationale=(
        "A job that needs root should run in an image that has what it needs, or as root in "
        "a container; `sudo` on a shell runner means the runner's account can become root "
        "on the host, so every pipeline (and every merge request that edits it) can too."
    ),
    tags=("security",),
    examples=(
        Example(
            bad="build:\n  script:\n    - sudo docker build -t app .\n",
            good="build:\n  image: docker:27.3\n  script:\n    - docker build -t app .\n",
            filename=".gitlab-ci.yml",
        ),
    ),
)
def check(pipeline, ctx):
    for line in pipeline.script_lines:
        for command in line.script.commands_named("sudo"):
            yield Problem(command.name_word.span, f"{line.owner}: `{line.key}` runs sudo; use an image or runner that does not need root escalation")
