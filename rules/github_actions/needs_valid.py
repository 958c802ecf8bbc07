"""``needs:`` naming jobs that do not exist, the job itself, a job twice, or forming a cycle."""

from lintkit.model import Example, Problem, rule


@rule(
    id="GH019",
    name="needs-valid",
    severity="error",
    summary="`needs:` names an unknown job, repeats one, or the jobs' needs form a cycle",
    rationale=(
        "GitHub rejects the whole workflow when a job needs a job id that is not defined (often "
        "a renamed job or a `name:` used instead of the id) or when needs go round in a circle; "
        "nothing runs, and the error appears only after a push."
    ),
    tags=("reliability",),
    aliases=("actionlint:job-needs",),
    examples=(
        Example(
            bad=(
                "on: push\npermissions: {}\njobs:\n  build:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: make\n"
                "  deploy:\n    needs: biuld\n    runs-on: ubuntu-24.04\n    steps:\n      - run: make deploy\n"
            ),
            good=(
                "on: push\npermissions: {}\njobs:\n  build:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: make\n"
                "  deploy:\n    needs: build\n    runs-on: ubuntu-24.04\n    steps:\n      - run: make deploy\n"
            ),
            filename=".github/workflows/ci.yml",
        ),
    ),
)
def check(workflow, ctx):
    if workflow.is_action:
        return
    jobs = workflow.jobs
    # Job ids are case-insensitive.
    ids = {job.id.lower(): job.id for job in jobs}
    graph: dict[str, list[str]] = {}
    for job in jobs:
        seen: set[str] = set()
        edges = graph.setdefault(job.id.lower(), [])
        for name, span in job.needs:
            key = name.lower()
            if "${{" in name:
                continue
            if key == job.id.lower():
                yield Problem(span, f"job {job.id!r} needs itself")
            elif key not in ids:
                yield Problem(span, f"job {job.id!r} needs {name!r}, which is not a job of this workflow{_suggestion(name, ids)}")
            elif key in seen:
                yield Problem(span, f"job {job.id!r} lists {name!r} in `needs:` twice")
            else:
                edges.append(key)
            seen.add(key)
    for cycle in _cycles(graph):
        first = next(job for job in jobs if job.id.lower() == cycle[0])
        target = cycle[1] if len(cycle) > 1 else cycle[0]
        span = next(span for name, span in first.needs if name.lower() == target)
        path = " -> ".join(ids[key] for key in cycle + [cycle[0]])
        yield Problem(span, f"the jobs' needs form a cycle ({path}); none of them can start")


def _suggestion(name: str, ids: dict[str, str]) -> str:
    import difflib

    close = difflib.get_close_matches(name.lower(), list(ids), n=1, cutoff=0.75)
    return f" (did you mean {ids[close[0]]!r}?)" if close else ""


def _cycles(graph: dict[str, list[str]]) -> list[list[str]]:
    """Each cycle of the needs graph once, as the list of its jobs in order, starting
    from the job written first."""
    order = {key: index for index, key in enumerate(graph)}
    cycles: list[list[str]] = []
    state: dict[str, int] = {}  # 1: on the current path, 2: finished
    path: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        path.append(node)
        for nxt in graph.get(node, ()):
            if state.get(nxt) == 1:
                cycle = path[path.index(nxt) :]
                start = min(range(len(cycle)), key=lambda i: order[cycle[i]])
                cycles.append(cycle[start:] + cycle[:start])
            elif nxt not in state:
                visit(nxt)
        path.pop()
        state[node] = 2

    for node in graph:
        if node not in state:
            visit(node)
    return cycles
