"""``local_action:`` instead of ``delegate_to: localhost``."""

from lintkit.model import Example, Problem, rule


@rule(
    id="AN026",
    name="deprecated-local-action",
    severity="warning",
    summary="local_action used instead of delegate_to: localhost",
    rationale=(
        "`local_action` packs the module and its arguments into one string or mapping, out "
        "of reach of the usual argument checks. `delegate_to: localhost` on a normal task "
        "does the same and reads like every other task."
    ),
    tags=("maintainability",),
    aliases=("ansible-lint:deprecated-local-action",),
    examples=(
        Example(
            bad="- name: Web\n  hosts: all\n  tasks:\n    - name: Notify\n      local_action: ansible.builtin.command echo done\n      changed_when: false\n",
            good="- name: Web\n  hosts: all\n  tasks:\n    - name: Notify\n      ansible.builtin.command: echo done\n      delegate_to: localhost\n      changed_when: false\n",
            filename="playbook.yml",
        ),
    ),
)
def check(playbook, ctx):
    for task in playbook.tasks:
        if "local_action" in task.node:
            yield Problem(task.node.key_span("local_action"), "Use delegate_to: localhost instead of local_action")
