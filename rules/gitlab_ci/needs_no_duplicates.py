"""The same job listed twice in one ``needs:``."""

from lintkit.model import Example, Fix, Problem, rule
from lintkit.parsers.gitlab_ci import MAX_REFERENCE_DEPTH, is_reference
from lintkit.yamledit import remove_item
from lintkit.yamlmodel import YMap, YSeq


@rule(
    id="GL023",
    name="needs-no-duplicates",
    severity="error",
    summary="The same job is listed twice in `needs:`",
    rationale=(
        "GitLab rejects a job whose `needs:` names a job more than once (`has the following "
        "needs duplicated`). The second entry is usually a leftover of a copy and paste, or "
        "comes from a `!reference` or YAML anchor that already lists the job."
    ),
    tags=("reliability",),
    aliases=("gitlab-lint:duplicate-needs",),
    fix="safe",
    examples=(
        Example(
            bad="build:\n  stage: build\n  script: make\ntest:\n  needs: [build, build]\n  script: make test\n",
            good="build:\n  stage: build\n  script: make\ntest:\n  needs: [build]\n  script: make test\n",
            filename=".gitlab-ci.yml",
        ),
    ),
)
def check(pipeline, ctx):
    root = pipeline.resolved_root
    for job in pipeline.jobs:
        node = root.get(job.name)
        needs = node.get("needs") if isinstance(node, YMap) else None
        if not isinstance(needs, YSeq) or is_reference(needs):
            continue
        seen: dict[str, int] = {}
        for name, span in _entries(needs):
            if name in seen:
                yield Problem(span, f"job {job.name!r} lists {name!r} in `needs:` twice", _fix(pipeline, job, span))
            else:
                seen[name] = 1


def _fix(pipeline, job, span) -> Fix | None:
    """The second mention removed, when it is a plain item of the job's own ``needs:``."""
    written = job.node.get("needs")
    if not isinstance(written, YSeq):
        return None
    index = next((i for i in range(len(written)) if written.item_span(i) == span and isinstance(written[i], str)), None)
    edit = remove_item(pipeline.source, written, index) if index is not None else None
    return Fix("drop the repeated need", (edit,)) if edit else None


def _entries(needs: YSeq, depth: int = 0):
    """(name, span) of each same-project job ``needs:`` names; GitLab flattens nested lists.
    Entries that name a ``parallel:matrix`` subset of a job are left out: two of them for
    the same job need different instances."""
    for index, item in enumerate(needs):
        if isinstance(item, str):
            yield item, needs.item_span(index)
        elif isinstance(item, YMap):
            if any(k in item for k in ("project", "pipeline", "parallel")) or not isinstance(item.get("job"), str):
                continue
            yield item["job"], item.value_span("job")
        elif isinstance(item, YSeq) and not is_reference(item) and depth < MAX_REFERENCE_DEPTH:
            yield from _entries(item, depth + 1)
