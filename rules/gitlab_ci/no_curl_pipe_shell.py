"""A remote script downloaded and piped straight into a shell."""

from lintkit.commands import pipe_to_shell
from lintkit.model import Example, Problem, rule


@rule(
    id="GL015",
    name="no-curl-pipe-shell",
    severity="warning",
    summary="Script pipes a downloaded script into a shell (`curl ... | sh`)",
    rationale=(
        "Whatever the server returns runs with the job's token and variables, and nothing "
        "records what ran: a compromised or hijacked host, or a truncated download, runs in "
        "the pipeline. Download to a file, verify a checksum or signature, then run it; or "
        "use a pinned package or image."
    ),
    tags=("security",),
    examples=(
        Example(
            bad="setup:\n  script:\n    - curl -sSL https://get.example.com/install.sh | sh\n",
            good=(
                "setup:\n  script:\n    - curl -sSLo install.sh https://get.example.com/install.sh\n"
                "    - sha256sum -c install.sh.sha256\n    - sh install.sh\n"
            ),
            filename=".gitlab-ci.yml",
        ),
    ),
)
def check(pipeline, ctx):
    for line in pipeline.script_lines:
        for downloaded in pipe_to_shell(line.script):
            interpreter = downloaded.interpreter.name
            yield Problem(downloaded.download.span, f"{line.owner}: downloaded script is run by `{interpreter}` without verification")
