"""Names that start lower-case or put a template before the end."""

import re

from lintkit.model import Edit, Example, Fix, Problem, Span, rule



def _template_inside(name: str) -> bool:
    """A Jinja expression followed by more words: the name reads differently per host/item.
    (The first ``{{`` and the first ``}}`` after it leave the most text after them; a
    regex ``.*{{.*}}.*\\w`` says the same, in quadratic time on a long name.)"""
    opening = name.find("{{")
    closing = name.find("}}", opening + 2) if opening != -1 else -1
    return closing != -1 and _WORD_CHARACTER.search(name, closing + 2) is not None


_WORD_CHARACTER = re.compile(r"\w")


def _capitalise(source, span, name: str) -> Fix | None:
    """The edit that upper-cases the name's first letter where it is written."""
    written = source.text_of(span)
    at = 1 if written[:1] in ("'", '"') else 0
    if written[at : at + 1] != name[0] or name[0].upper() == name[0] or len(name[0].upper()) != 1:
        return None
    column = span.column + at
    return Fix("capitalise the name", (Edit(Span(span.line, column, span.line, column + 1), name[0].upper()),))


@rule(
    id="AN003",
    name="name-style",
    severity="style",
    summary="Name starts with a lower-case letter or has a template before its end",
    rationale=(
        "Names are read in run output, where a consistent capitalised sentence scans best. "
        "A Jinja template is rendered differently per host or item; in the middle of a name "
        "it makes the task hard to find by name (`--start-at-task`, grep of logs), at the "
        "end it only qualifies it."
    ),
    tags=("style",),
    aliases=("ansible-lint:name[casing]", "ansible-lint:name[template]"),
    fix="safe",
    examples=(
        Example(
            bad="- name: Web\n  hosts: all\n  tasks:\n    - name: install nginx\n      ansible.builtin.apt:\n        name: nginx\n",
            good="- name: Web\n  hosts: all\n  tasks:\n    - name: Install nginx\n      ansible.builtin.apt:\n        name: nginx\n",
            filename="playbook.yml",
        ),
        Example(
            bad="- name: Web\n  hosts: all\n  tasks:\n    - name: Install {{ pkg }} now\n      ansible.builtin.apt:\n        name: \"{{ pkg }}\"\n",
            good="- name: Web\n  hosts: all\n  tasks:\n    - name: Install package {{ pkg }}\n      ansible.builtin.apt:\n        name: \"{{ pkg }}\"\n",
            filename="playbook.yml",
        ),
    ),
)
def check(playbook, ctx):
    holders = [p.node for p in playbook.plays] + [e.node for e in playbook.entries]
    # A handler's name is what notify: calls it by; renaming it would break the call.
    handlers = {id(e.node) for e in playbook.entries if e.is_handler}
    for node in holders:
        name = node.get("name")
        if not isinstance(name, str) or not name:
            continue
        span = node.value_span("name")
        if name[0].isalpha() and name[0].islower():
            fix = _capitalise(playbook.source, span, name) if id(node) not in handlers else None
            yield Problem(span, f"Name should start with an upper-case letter: {name[:60]!r}", fix)
        if _template_inside(name):
            yield Problem(span, "Jinja template in the middle of the name; put it at the end")
