"""``extends:`` names a template that does not exist, loops, or nests too deep."""

from lintkit.model import Example, Problem, rule
from lintkit.parsers.gitlab_ci import MAX_EXTENDS_DEPTH

from . import _pipeline


@rule(
    id="GL007",
    name="extends-valid",
    severity="error",
    summary="`extends:` names an unknown template, forms a cycle, or nests deeper than GitLab allows",
    rationale=(
        "GitLab rejects the pipeline when an `extends:` target does not exist (`unknown key "
        "in extends`), when templates extend each other in a circle, or when the chain is "
        f"deeper than {MAX_EXTENDS_DEPTH} levels."
    ),
    tags=("reliability",),
    aliases=(
        "gitlab-lint:extends-unknown", "gitlab-lint:extends-invalid-base",
        "gitlab-lint:extends-cycle", "gitlab-lint:extends-too-deep",
    ),  # fmt: skip
    collect=_pipeline.FACTS,
    examples=(
        Example(
            bad=".base:\n  image: alpine:3.20\ntest:\n  extends: .bsae\n  script: make test\n",
            good=".base:\n  image: alpine:3.20\ntest:\n  extends: .base\n  script: make test\n",
            filename=".gitlab-ci.yml",
        ),
    ),
)
def check(pipelines, ctx):
    yield from _pipeline.unique(_problems(pipelines))


def _problems(pipelines):
    for pipeline in pipelines:
        # Unknown names only where every file is visible; cycles and depth everywhere.
        knows_all = pipeline.root.entry and pipeline.complete
        for job in pipeline.jobs.values():
            for ref in job.extends:
                if ref.name not in pipeline.jobs:
                    if knows_all:
                        yield Problem(ref.span, f"job {job.name!r} extends {ref.name!r}, which is not defined", path=job.path)
                    continue
                if ref.name == job.name:
                    yield Problem(ref.span, f"job {job.name!r} extends itself", path=job.path)
                    continue
                chain = _longest_chain(pipeline, ref.name, (job.name,))
                if chain and chain[-1] == job.name:
                    loop = " -> ".join((job.name, *chain))
                    yield Problem(ref.span, f"circular extends: {loop}", path=job.path)
                elif len(chain) + 1 > MAX_EXTENDS_DEPTH:
                    yield Problem(ref.span, f"job {job.name!r}: extends chain is {len(chain) + 1} levels deep; GitLab allows {MAX_EXTENDS_DEPTH}", path=job.path)


def _longest_chain(pipeline, name, seen):
    """The chain of templates from ``name`` on; ends with a name of ``seen`` on a cycle."""
    if name in seen:
        return (name,)
    job = pipeline.jobs.get(name)
    if job is None or len(seen) > MAX_EXTENDS_DEPTH + 1:
        return (name,)
    best = (name,)
    for parent in job.extends:
        chain = (name, *_longest_chain(pipeline, parent.name, seen + (name,)))
        if chain[-1] in seen + (name,) and chain[-1] == seen[0]:
            return chain
        if len(chain) > len(best):
            best = chain
    return best
