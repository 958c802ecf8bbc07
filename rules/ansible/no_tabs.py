"""Tab characters in task keys and values."""

from lintkit.model import Example, Problem, rule
from lintkit.parsers.ansible import has_jinja
from lintkit.yamlmodel import YMap, YSeq

#: Arguments where a tab is content (lineinfile matches and writes lines with tabs).
_TAB_ALLOWED = frozenset(("insertafter", "insertbefore", "regexp", "line"))


@rule(
    id="AN040",
    name="no-tabs",
    severity="style",
    summary="Tab character in a task's key or value",
    rationale=(
        "Tabs render at different widths in editors, terminals and run output, and are "
        "easily mistaken for spaces in commands and file content. Use spaces, or `\\t` in "
        "a double-quoted string where a tab is meant."
    ),
    tags=("style",),
    aliases=("ansible-lint:no-tabs",),
    examples=(
        Example(
            bad="- name: Web\n  hosts: all\n  tasks:\n    - name: Say hi\n      ansible.builtin.debug:\n        msg: \"a\\tb\"\n",
            good="- name: Web\n  hosts: all\n  tasks:\n    - name: Say hi\n      ansible.builtin.debug:\n        msg: a b\n",
            filename="playbook.yml",
        ),
    ),
)
def check(playbook, ctx):
    for entry in playbook.entries:
        stack = [entry.node]
        while stack:
            node = stack.pop()
            if isinstance(node, YMap):
                for key, value in node.items():
                    if key in ("block", "rescue", "always") and node is entry.node:
                        continue  # the tasks inside are entries of their own
                    if isinstance(key, str) and "\t" in key and not has_jinja(key):
                        yield Problem(node.key_span(key), "Tab character in a key")
                    if isinstance(value, str):
                        if "\t" in value and not has_jinja(value) and key not in _TAB_ALLOWED:
                            yield Problem(node.value_span(key), "Tab character in a value; use spaces or \\t")
                    elif isinstance(value, (YMap, YSeq)):
                        stack.append(value)
            elif isinstance(node, YSeq):
                for index, item in enumerate(node):
                    if isinstance(item, str) and "\t" in item and not has_jinja(item):
                        yield Problem(node.item_span(index), "Tab character in a value; use spaces or \\t")
                    elif isinstance(item, (YMap, YSeq)):
                        stack.append(item)
