"""A remote script downloaded and piped straight into a shell in ``run:``."""

from lintkit.commands import DOWNLOADERS, pipe_to_shell
from lintkit.model import Example, Problem, rule


@rule(
    id="GH015",
    name="no-curl-pipe-shell",
    severity="warning",
    summary="`run:` pipes a downloaded script into a shell (`curl ... | sh`)",
    rationale=(
        "Whatever the server returns runs with the job's token and secrets, and nothing records "
        "what ran: a compromised or hijacked host, or a truncated download, runs in the "
        "workflow. Download to a file, verify a checksum or signature, then run it; or use a "
        "pinned action or package."
    ),
    tags=("security",),
    examples=(
        Example(
            bad=(
                "on: push\npermissions: {}\njobs:\n  setup:\n    runs-on: ubuntu-24.04\n    steps:\n"
                "      - run: curl -sSL https://get.example.com/install.sh | sh\n"
            ),
            good=(
                "on: push\npermissions: {}\njobs:\n  setup:\n    runs-on: ubuntu-24.04\n    steps:\n"
                "      - run: |\n          curl -sSLo install.sh https://get.example.com/install.sh\n"
                "          sha256sum -c install.sh.sha256\n          sh install.sh\n"
            ),
            filename=".github/workflows/setup.yml",
        ),
    ),
)
def check(workflow, ctx):
    for step in workflow.steps:
        run = step.run
        if run is None or not any(d in run for d in DOWNLOADERS):  # not worth parsing
            continue
        script = workflow.run_script(step)
        if script is None:
            continue
        for downloaded in pipe_to_shell(script):
            yield Problem(downloaded.download.span, f"downloaded script is run by `{downloaded.interpreter.name}` without verification")
