"""Tasks Ansible refuses to load: two actions, or none."""

from lintkit.model import Example, Problem, rule


@rule(
    id="AN058",
    name="syntax-valid",
    severity="error",
    summary="Task with two actions (conflicting action statements) or with none",
    rationale=(
        "Ansible takes every key of a task that is not a keyword as its action. A misspelt "
        "keyword (`notfy:`) or an argument indented one level too shallow becomes a second "
        "action, and the whole playbook fails to load with \"conflicting action "
        "statements\". A task with keywords only fails with \"no module/action detected\"."
    ),
    tags=("reliability",),
    aliases=("ansible-lint:syntax-check[specific]",),
    examples=(
        Example(
            bad="- name: Web\n  hosts: all\n  tasks:\n    - name: Install nginx\n      ansible.builtin.apt:\n      name: nginx\n      state: present\n",
            good="- name: Web\n  hosts: all\n  tasks:\n    - name: Install nginx\n      ansible.builtin.apt:\n        name: nginx\n        state: present\n",
            filename="playbook.yml",
        ),
    ),
)
def check(playbook, ctx):
    for task in playbook.tasks:
        keys = task.action_keys
        if len(keys) > 1:
            extra = keys[1]
            yield Problem(
                task.node.key_span(extra),
                f"conflicting action statements: {', '.join(keys)} (is {extra} a misspelt keyword or a misindented argument?)",
            )
        elif task.action_key is None:
            yield Problem(task.head_span(), "no module/action detected in task")
