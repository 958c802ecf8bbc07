"""become_user without become beside it."""

from lintkit.model import Example, Problem, rule


@rule(
    id="AN019",
    name="partial-become",
    severity="error",
    summary="become_user set without become at the same level",
    rationale=(
        "`become_user` only says who to become; without `become: true` beside it nothing "
        "changes user, unless an enclosing play or block happens to set `become`. Moving "
        "the task then silently changes the user it runs as. Set both together."
    ),
    tags=("reliability", "security"),
    aliases=("ansible-lint:partial-become[play]", "ansible-lint:partial-become[task]"),
    examples=(
        Example(
            bad="- name: Web\n  hosts: all\n  tasks:\n    - name: Migrate\n      ansible.builtin.command: ./migrate\n      become_user: app\n      changed_when: true\n",
            good="- name: Web\n  hosts: all\n  tasks:\n    - name: Migrate\n      ansible.builtin.command: ./migrate\n      become: true\n      become_user: app\n      changed_when: true\n",
            filename="playbook.yml",
        ),
    ),
)
def check(playbook, ctx):
    holders = [(p.node, "play") for p in playbook.plays] + [(e.node, "task") for e in playbook.entries]
    for node, what in holders:
        if "become_user" in node and "become" not in node:
            yield Problem(node.key_span("become_user"), f"become_user without become in the same {what}")
