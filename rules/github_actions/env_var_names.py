"""Environment variable names GitHub cannot set."""

from lintkit.model import Example, Problem, rule
from lintkit.yamlmodel import YMap

#: Characters a name may not contain: GitHub writes `NAME=value` lines.
FORBIDDEN = frozenset("= \t&")


@rule(
    id="GH025",
    name="env-var-names-valid",
    severity="error",
    summary="`env:` key containing `=`, `&` or whitespace",
    rationale=(
        "An environment variable name cannot contain `=` (it separates name from value), "
        "spaces or `&`; GitHub refuses such a name in `env:` and the variable never reaches "
        "the step. Usually the key and value were written as one (`FOO=bar:`)."
    ),
    tags=("reliability",),
    aliases=("actionlint:env-var",),
    examples=(
        Example(
            bad="on: push\npermissions: {}\njobs:\n  test:\n    runs-on: ubuntu-24.04\n    env:\n      NODE ENV: test\n    steps:\n      - run: npm test\n",
            good="on: push\npermissions: {}\njobs:\n  test:\n    runs-on: ubuntu-24.04\n    env:\n      NODE_ENV: test\n    steps:\n      - run: npm test\n",
            filename=".github/workflows/test.yml",
        ),
    ),
)
def check(workflow, ctx):
    holders = [] if workflow.is_action else [workflow.root]
    for job in workflow.jobs:
        holders.append(job.node)
        containers = [job.node.get("container")]
        services = job.node.get("services")
        if isinstance(services, YMap):
            containers += list(services.values())
        holders += [c for c in containers if isinstance(c, YMap)]
    holders += [step.node for step in workflow.steps]
    for holder in holders:
        env = holder.get("env")
        if not isinstance(env, YMap):
            continue
        for name in env:
            if isinstance(name, str) and "${{" not in name and any(c in FORBIDDEN for c in name):
                bad = sorted({repr(c) for c in name if c in FORBIDDEN})
                yield Problem(env.key_span(name), f"environment variable name {name!r} contains {', '.join(bad)}, which a name cannot")
