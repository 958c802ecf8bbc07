"""Two tasks of one play (or one task file) with the same name."""

from lintkit.model import Example, Problem, rule
from lintkit.yamlmodel import YMap, YSeq


@rule(
    id="AN004",
    name="name-unique",
    severity="warning",
    summary="Two tasks in the same play share a name",
    rationale=(
        "`--start-at-task` starts at the first task of that name, notifications by name reach "
        "the first handler of that name, and run logs cannot tell the two apart."
    ),
    tags=("maintainability",),
    aliases=("ansible-lint:name[unique]",),
    examples=(
        Example(
            bad=(
                "- name: Web\n  hosts: all\n  tasks:\n"
                "    - name: Install\n      ansible.builtin.apt:\n        name: nginx\n"
                "    - name: Install\n      ansible.builtin.apt:\n        name: curl\n"
            ),
            good=(
                "- name: Web\n  hosts: all\n  tasks:\n"
                "    - name: Install nginx\n      ansible.builtin.apt:\n        name: nginx\n"
                "    - name: Install curl\n      ansible.builtin.apt:\n        name: curl\n"
            ),
            filename="playbook.yml",
        ),
    ),
)
def check(playbook, ctx):
    # The top-level entries of a play's task sections, as ansible-lint compares them.
    for play in playbook.plays:
        seen: dict[str, int] = {}
        for section in ("pre_tasks", "tasks", "post_tasks", "handlers"):
            items = play.node.get(section)
            if isinstance(items, YSeq):
                yield from _duplicates(items, seen)


def _duplicates(items: YSeq, seen: dict[str, int]):
    for item in items:
        if not isinstance(item, YMap):
            continue
        name = item.get("name")
        if not isinstance(name, str) or not name:
            continue
        span = item.value_span("name")
        if name in seen:
            yield Problem(span, f"Task name {name!r} is not unique: first used on line {seen[name]}")
        else:
            seen[name] = item.span.line
