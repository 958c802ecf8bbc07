"""copy with a non-string ``content``."""

from lintkit.model import Example, Problem, rule


@rule(
    id="AN033",
    name="avoid-implicit",
    severity="warning",
    summary="copy content: given a mapping or list instead of a string",
    rationale=(
        "`copy` writes `content:` as text. A mapping or list there is turned into a string "
        "by an implicit conversion whose format (Python repr or JSON) depends on the Ansible "
        "version. Render it explicitly (`{{ data | to_nice_json }}`) or use a template."
    ),
    tags=("reliability",),
    aliases=("ansible-lint:avoid-implicit",),
    examples=(
        Example(
            bad="- name: Web\n  hosts: all\n  tasks:\n    - name: Write settings\n      ansible.builtin.copy:\n        dest: /etc/app.json\n        mode: \"0644\"\n        content:\n          port: 8080\n",
            good="- name: Web\n  hosts: all\n  tasks:\n    - name: Write settings\n      ansible.builtin.copy:\n        dest: /etc/app.json\n        mode: \"0644\"\n        content: \"{{ {'port': 8080} | to_nice_json }}\"\n",
            filename="playbook.yml",
        ),
    ),
)
def check(playbook, ctx):
    for task in playbook.tasks:
        if task.module != "ansible.builtin.copy" or "content" not in task.args:
            continue
        if not isinstance(task.args["content"], str):
            yield Problem(task.arg_span("content"), "copy content: is not a string; convert it explicitly (to_json, to_nice_yaml...) or use a template")
