"""Jobs that need each other in a circle."""

from lintkit.model import Example, Problem, rule

from . import _pipeline
from .needs_defined import ref_path


@rule(
    id="GL024",
    name="needs-no-cycles",
    severity="error",
    summary="`needs:` of jobs form a cycle",
    rationale=(
        "A job starts when the jobs it needs have finished; when jobs need each other in a "
        "circle (or a job needs itself) none of them can ever start, and GitLab rejects the "
        "pipeline (`circular dependency detected in needs`)."
    ),
    tags=("reliability",),
    aliases=("gitlab-lint:needs-cycle",),
    collect=_pipeline.FACTS,
    examples=(
        Example(
            bad=(
                "build:\n  needs: [test]\n  script: make\n"
                "test:\n  needs: [build]\n  script: make test\n"
            ),
            good=(
                "build:\n  script: make\n"
                "test:\n  needs: [build]\n  script: make test\n"
            ),
            filename=".gitlab-ci.yml",
        ),
    ),
)
def check(pipelines, ctx):
    yield from _pipeline.unique(_problems(pipelines))


def _problems(pipelines):
    for pipeline in _pipeline.entry_pipelines(pipelines):
        graph = _graph(pipeline)
        for component in _cycles(graph):
            # One finding per cycle, at the first (by position) need inside it.
            edges = [(job, ref, target) for job in component for ref, target in graph[job] if target in component]
            job, ref, _ = min(edges, key=lambda e: (ref_path(pipeline.jobs[e[0]], e[1], pipeline), e[1].span.line, e[1].span.column))
            loop = " -> ".join(_path_back(graph, component, job))
            yield Problem(ref.span, f"circular `needs:`: {loop}", path=ref_path(pipeline.jobs[job], ref, pipeline))


def _graph(pipeline) -> dict[str, list[tuple[_pipeline.NameRef, str]]]:
    """Visible job -> (need, needed visible job); a need of one ``parallel:`` instance
    (``build 1/3``, ``build: [linux]``) is an edge to the job."""
    graph: dict[str, list] = {}
    for job in pipeline.visible_jobs:
        edges = []
        for ref in pipeline.effective(job, "needs") or ():
            target = _pipeline.job_named(pipeline, ref.name)
            if target is not None and not target.hidden:
                edges.append((ref, target.name))
        graph[job.name] = edges
    return graph


def _cycles(graph) -> list[set[str]]:
    """Strongly connected components that hold a cycle (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[set[str]] = []
    for start in graph:
        if start in index:
            continue
        work = [(start, 0)]
        while work:
            node, position = work.pop()
            if position == 0:
                index[node] = low[node] = len(index)
                stack.append(node)
                on_stack.add(node)
            edges = graph[node]
            if position < len(edges):
                work.append((node, position + 1))
                target = edges[position][1]
                if target not in index:
                    work.append((target, 0))
                elif target in on_stack:
                    low[node] = min(low[node], index[target])
                continue
            if low[node] == index[node]:
                component = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == node:
                        break
                if len(component) > 1 or any(t == node for _, t in graph[node]):
                    found.append(component)
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return found


def _path_back(graph, component: set[str], start: str) -> list[str]:
    """A cycle through ``start`` inside ``component``, as job names ending at ``start``."""
    previous = {start: None}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for _, target in graph[node]:
            if target not in component:
                continue
            if target == start:
                path = [node]
                while previous[path[-1]] is not None:
                    path.append(previous[path[-1]])
                return [*reversed(path), start]
            if target not in previous:
                previous[target] = node
                queue.append(target)
    return [start, start]
