"""What the compose project rules share (:data:`FACTS`): the facts each file contributes,
and the files put back together into Compose projects (base + overrides + includes),
which each rule's ``check`` receives."""

from lintkit.model import Facts
from lintkit.parsers.compose import group_projects


def collect(compose, ctx):
    """Per file, in the workers: the picklable facts (computed once per file)."""
    return compose.facts


def projects(facts_by_path, ctx):
    return group_projects(facts_by_path, ctx.settings)


FACTS = Facts("compose.projects", collect, projects)
