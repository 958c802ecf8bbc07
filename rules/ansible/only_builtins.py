"""Modules from outside ansible.builtin (a policy some teams choose)."""

from lintkit.model import Example, Problem, rule


@rule(
    id="AN006",
    name="only-builtins",
    severity="info",
    summary="Module from outside ansible.builtin",
    rationale=(
        "Some teams run only what ships with ansible-core, so that a playbook needs no "
        "collection installed and no third-party code runs on their hosts. Off by default; "
        "`allowed-collections` lists collections to accept as well."
    ),
    tags=("maintainability",),
    aliases=("ansible-lint:only-builtins",),
    enabled=False,
    options={
        "type": "object",
        "properties": {
            "allowed-collections": {"type": "array", "items": {"type": "string"}, "default": []},
        },
    },
    examples=(
        Example(
            bad="- name: Web\n  hosts: all\n  tasks:\n    - name: Open port\n      community.general.ufw:\n        rule: allow\n        port: \"443\"\n",
            good="- name: Web\n  hosts: all\n  tasks:\n    - name: Open port\n      ansible.builtin.iptables:\n        chain: INPUT\n        destination_port: \"443\"\n        jump: ACCEPT\n",
            filename="playbook.yml",
        ),
    ),
)
def check(playbook, ctx):
    allowed = ("ansible.builtin.", *(f"{c}." for c in ctx.options.get("allowed-collections", [])))
    for task in playbook.tasks:
        if task.module and "." in task.module and not task.module.startswith(allowed):
            yield Problem(task.action_span(), f"{task.module} is not an ansible.builtin module")
