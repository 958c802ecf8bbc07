"""Conditions comparing to literal True/False."""

import re

from lintkit.model import Edit, Example, Fix, Problem, rule

from .common import conditions

_BOOL_COMPARE = re.compile(r"([=!])= ?(True|true|False|false)\b")

#: A whole condition that is one variable (or attribute path) compared to a literal.
_SIMPLE_COMPARE = re.compile(r"\s*([A-Za-z_][A-Za-z0-9_.]*)\s*[=!]=\s*(?:True|true|False|false)\s*")


def _fix(source, condition: str, span, negate: bool) -> Fix | None:
    """``x == true`` -> ``x``, ``x == false`` -> ``not x``. Unsafe: a string "yes" or a
    non-empty list is truthy but not equal to true."""
    match = _SIMPLE_COMPARE.fullmatch(condition)
    written = source.text_of(span)
    if match is None or span.line != span.end_line:
        return None
    if written != condition and not (written[:1] in "'\"" and written[1:-1] == condition and written[-1:] == written[:1]):
        return None
    tested = ("not " if negate else "") + match.group(1)
    new = tested if written == condition else written[0] + tested + written[0]
    return Fix(f"test {tested}", (Edit(span, new),))


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
    fix="unsafe",
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
                fix = _fix(playbook.source, condition, span, negate)
                yield Problem(span, f"Comparison to literal {match.group(2)}: test {advice} instead", fix)
                break
