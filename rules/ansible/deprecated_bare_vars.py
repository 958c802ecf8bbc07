"""Loops over a bare variable name."""

import re

from lintkit.model import Example, Problem, rule
from lintkit.parsers.ansible import has_jinja

_NAME = re.compile(r"^\w+(\.\w+){2,100}$|^\w+$")
_GLOB = re.compile(r"[][*?]")
#: Lookups whose argument is a list of variables to combine.
_LIST_LOOPS = ("with_nested", "with_together", "with_flattened", "with_filetree", "with_community.general.filetree")
#: Lookups whose arguments are not variables.
_NOT_VARIABLES = ("with_sequence", "with_ini", "with_inventory_hostnames")


@rule(
    id="AN027",
    name="deprecated-bare-vars",
    severity="error",
    summary="Loop over a bare variable name",
    rationale=(
        "`with_items: packages` once meant the variable `packages`; current Ansible loops "
        "over the one-item list `['packages']` instead. Write `{{ packages }}`, or a YAML "
        "list when a literal was meant."
    ),
    tags=("reliability",),
    aliases=("ansible-lint:deprecated-bare-vars",),
    examples=(
        Example(
            bad="- name: Web\n  hosts: all\n  tasks:\n    - name: Install\n      ansible.builtin.apt:\n        name: \"{{ item }}\"\n      with_items: packages\n",
            good="- name: Web\n  hosts: all\n  tasks:\n    - name: Install\n      ansible.builtin.apt:\n        name: \"{{ item }}\"\n      with_items: \"{{ packages }}\"\n",
            filename="playbook.yml",
        ),
    ),
)
def check(playbook, ctx):
    for task in playbook.tasks:
        loop = task.loop_key
        if loop is None or loop == "loop" or loop in _NOT_VARIABLES:
            continue
        value = task.node[loop]
        span = task.node.value_span(loop)
        if loop in _LIST_LOOPS:
            value = value[0] if isinstance(value, list) and value else value
        elif loop == "with_subelements":
            if not isinstance(value, list) or not value:
                continue
            value = value[0]
        if not isinstance(value, str) or has_jinja(value) or not _NAME.search(value):
            continue
        if loop == "with_fileglob" and _GLOB.search(value):
            continue
        yield Problem(span, f"Possible bare variable {value!r} in {loop}: write '{{{{ {value} }}}}' (or a list if a literal was meant)")
