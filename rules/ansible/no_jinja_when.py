"""Jinja delimiters inside ``when``."""

from lintkit.model import Example, Problem, rule
from lintkit.yamlmodel import YMap, YSeq

from .common import conditions


@rule(
    id="AN024",
    name="no-jinja-when",
    severity="warning",
    summary="`when:` wrapped in {{ }}",
    rationale=(
        "`when:` is already a Jinja expression. Wrapping it in `{{ }}` templates it twice: "
        "Ansible warns, and the inner result is turned into a string before it is "
        "evaluated, so `{{ x }}` with x = \"False\" is true."
    ),
    tags=("reliability",),
    aliases=("ansible-lint:no-jinja-when",),
    examples=(
        Example(
            bad="- name: Web\n  hosts: all\n  tasks:\n    - name: Debug\n      ansible.builtin.debug:\n        msg: hi\n      when: \"{{ verbose }}\"\n",
            good="- name: Web\n  hosts: all\n  tasks:\n    - name: Debug\n      ansible.builtin.debug:\n        msg: hi\n      when: verbose\n",
            filename="playbook.yml",
        ),
    ),
)
def check(playbook, ctx):
    holders = [e.node for e in playbook.entries]
    for play in playbook.plays:
        roles = play.node.get("roles")
        if isinstance(roles, YSeq):
            holders.extend(r for r in roles if isinstance(r, YMap))
    for node in holders:
        for _key, condition, span in conditions(node):
            if isinstance(condition, str) and "{{" in condition and "}}" in condition:
                yield Problem(span, "when: is already a Jinja expression; remove the {{ }}")
                break
