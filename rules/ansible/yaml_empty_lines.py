"""Blank lines at the start or end of a file, or too many in a row."""

from lintkit.model import Example, Problem, Span, rule

from . import yaml_layout


@rule(
    id="AN049",
    name="yaml-empty-lines",
    severity="style",
    summary="Blank lines at the start or end of the file, or more than two in a row",
    rationale="Runs of blank lines and blank lines at the file's edges carry no meaning and make noisy diffs.",
    tags=("style",),
    aliases=("ansible-lint:yaml[empty-lines]",),
    options={"type": "object", "properties": {"max": {"type": "integer", "minimum": 0, "default": 2}}},
    examples=(
        Example(
            bad="- name: Web\n  hosts: all\n  tasks: []\n\n",
            good="- name: Web\n  hosts: all\n  tasks: []\n",
            filename="playbook.yml",
        ),
    ),
)
def check(view, ctx):
    if not yaml_layout.applies(view):
        return
    most = ctx.options.get("max", 2)
    lines = view.source.lines
    blank = [not line.strip() for line in lines]
    count = len(lines)
    start = 0
    while start < count and blank[start]:
        start += 1
    if 0 < start < count:
        yield Problem(Span(1, 1, start, 1), f"Too many blank lines at the start of the file ({start} > 0)")
    end = count
    while end > start and blank[end - 1]:
        end -= 1
    if end < count and start < count:
        yield Problem(Span(end + 1, 1, count, 1), f"Too many blank lines at the end of the file ({count - end} > 0)")
    run = 0
    for number in range(start, end):
        if blank[number]:
            run += 1
            continue
        if run > most:
            yield Problem(Span(number - run + 1, 1, number, 1), f"Too many blank lines ({run} > {most})")
        run = 0
