"""Spaces or tabs at the end of lines."""

from lintkit.model import Edit, Example, Fix, Problem, Span, rule

from . import yaml_layout


@rule(
    id="AN045",
    name="yaml-trailing-spaces",
    severity="style",
    summary="Trailing whitespace",
    rationale="Invisible trailing whitespace makes noisy diffs and, inside block scalars, changes the value.",
    tags=("style",),
    aliases=("ansible-lint:yaml[trailing-spaces]",),
    fix="safe",
    examples=(
        Example(
            bad="- name: Web  \n  hosts: all\n  tasks: []\n",
            good="- name: Web\n  hosts: all\n  tasks: []\n",
            filename="playbook.yml",
        ),
    ),
)
def check(view, ctx):
    if not yaml_layout.applies(view):
        return
    for number, line in enumerate(view.source.lines, start=1):
        stripped = line.rstrip(" \t")
        if len(stripped) != len(line):
            span = Span(number, len(stripped) + 1, number, len(line) + 1)
            yield Problem(span, "Trailing spaces", Fix("Remove trailing spaces", (Edit(span, ""),)))
