"""``ACTIONS_ALLOW_UNSECURE_COMMANDS`` turning the retired ``set-env``/``add-path``
workflow commands back on."""

from lintkit.model import Example, Problem, rule
from lintkit.yamlmodel import YMap

VARIABLE = "ACTIONS_ALLOW_UNSECURE_COMMANDS"


@rule(
    id="GH012",
    name="no-insecure-commands",
    severity="error",
    summary="`ACTIONS_ALLOW_UNSECURE_COMMANDS` re-enables the `set-env` and `add-path` commands",
    rationale=(
        "With this variable set, any line a step prints that looks like `::set-env name=X::value` "
        "or `::add-path::dir` changes the environment or PATH of every later step. Whoever "
        "controls some printed text (a test name, a commit message, a downloaded file shown "
        "with cat) can then set `LD_PRELOAD` or `NODE_OPTIONS` and run code. GitHub retired "
        "these commands for that reason; write to `$GITHUB_ENV` / `$GITHUB_PATH` instead."
    ),
    tags=("security",),
    aliases=("zizmor:insecure-commands", "CKV_GHA_1"),
    examples=(
        Example(
            bad=(
                "on: push\npermissions: {}\njobs:\n  build:\n    runs-on: ubuntu-24.04\n    env:\n"
                "      ACTIONS_ALLOW_UNSECURE_COMMANDS: true\n    steps:\n      - run: make\n"
            ),
            good="on: push\npermissions: {}\njobs:\n  build:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: make\n",
            filename=".github/workflows/build.yml",
        ),
    ),
)
def check(workflow, ctx):
    holders = [] if workflow.is_action else [("the workflow", workflow.root)]
    holders += [(f"job {job.id!r}", job.node) for job in workflow.jobs]
    holders += [(f"a step of job {step.job.id!r}" if not workflow.is_action else "a step", step.node) for step in workflow.steps]
    for owner, holder in holders:
        env = holder.get("env")
        if not isinstance(env, YMap) or VARIABLE not in env:
            continue
        if _enabled(workflow.source.text_of(env.value_span(VARIABLE)), env[VARIABLE]):
            yield Problem(env.key_span(VARIABLE), f"{owner} sets {VARIABLE}, so any printed `::set-env`/`::add-path` line changes later steps' environment")


def _enabled(written: str, value) -> bool:
    """The runner turns the commands on for the text `true` (any case); GitHub reads
    YAML 1.2, so an unquoted `yes` is the text "yes", not true."""
    if isinstance(value, bool):
        return written.strip().lower() == "true"
    return isinstance(value, str) and value.strip().lower() == "true"
