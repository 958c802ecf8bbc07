"""Conditions comparing to an empty string."""

import re

from lintkit.model import Example, Problem, rule

from .common import conditions

_EMPTY_COMPARE = re.compile(r"[=!]= ?(\"\"|'')")


@rule(
    id="AN023",
    name="empty-string-compare",
    severity="info",
    summary="Condition compares to an empty string",
    rationale=(
        "`x == \"\"` is true only for a string; an undefined or null value slips through. "
        "`x | length == 0` (or `x | length > 0`) says what is meant. Off by default, as in "
        "ansible-lint."
    ),
    tags=("style",),
    aliases=("ansible-lint:empty-string-compare",),
    enabled=False,
    examples=(
        Example(
            bad="- name: Web\n  hosts: all\n  tasks:\n    - name: Debug\n      ansible.builtin.debug:\n        msg: empty\n      when: name == \"\"\n",
            good="- name: Web\n  hosts: all\n  tasks:\n    - name: Debug\n      ansible.builtin.debug:\n        msg: empty\n      when: name | length == 0\n",
            filename="playbook.yml",
        ),
    ),
)
def check(playbook, ctx):
    for entry in playbook.entries:
        for _key, condition, span in conditions(entry.node):
            if isinstance(condition, str) and _EMPTY_COMPARE.search(condition):
                yield Problem(span, "Comparison to an empty string: use `| length == 0` or `| length > 0`")
                break
