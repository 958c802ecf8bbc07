"""Conditions comparing to literal True/False."""

import re

from lintkit.model import Example, Problem, rule

from .common import conditions

_BOOL_COMPARE = re.compile(r"([=!])= ?(True|true|False|false)\b")


@rule(
    id="AN022",
    name="literal-compare",
    severity="warning",
    summary="Condition compares to a literal true/false",
    rationale=(
        "`when: x == true` is `when: x` written the long way, and it is subtly different: "
        "a string \"yes\" or a non-empty list is truthy but not `== true`. Test the value "
        "itself (`when: x`, `when: not x`), with `| bool` where it may be a string."
    ),
    tags=("reliability", "style"),
    aliases=("ansible-lint:literal-compare",),
    examples=(
        Example(
            bad="- name: Web\n  hosts: all\n  tasks:\n    - name: Debug\n      ansible.builtin.debug:\n        msg: on\n      when: verbose == True\n",
            good="- name: Web\n  hosts: all\n  tasks:\n    - name: Debug\n      ansible.builtin.debug:\n        msg: on\n      when: verbose\n",
            filename="playbook.yml",
        ),
    ),
)
def check(playbook, ctx):
    for entry in playbook.entries:
        for _key, condition, span in conditions(entry.node):
            if isinstance(condition, str) and (match := _BOOL_COMPARE.search(condition)):
                negate = (match.group(1) == "!") != (match.group(2).lower() == "false")
                advice = "`not x`" if negate else "the value itself"
                yield Problem(span, f"Comparison to literal {match.group(2)}: test {advice} instead")
                break
