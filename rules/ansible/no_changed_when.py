"""command/shell/raw tasks that always report changed."""

from lintkit.model import Example, Problem, rule

_MODULES = frozenset(("ansible.builtin.command", "ansible.builtin.shell", "ansible.builtin.raw"))


@rule(
    id="AN009",
    name="no-changed-when",
    severity="warning",
    summary="command/shell/raw without changed_when, creates or removes",
    rationale=(
        "Ansible cannot know what a command changed, so it reports `changed` on every run: "
        "handlers fire every time, `--check` tells nothing and a second run does not "
        "converge to \"ok\". Say when it changes something (`changed_when:` on its output "
        "or return code, `false` for read-only commands) or when it has nothing to do "
        "(`creates:`/`removes:`)."
    ),
    tags=("reliability",),
    aliases=("ansible-lint:no-changed-when",),
    examples=(
        Example(
            bad="- name: Web\n  hosts: all\n  tasks:\n    - name: Show uptime\n      ansible.builtin.command: uptime\n",
            good="- name: Web\n  hosts: all\n  tasks:\n    - name: Show uptime\n      ansible.builtin.command: uptime\n      changed_when: false\n",
            filename="playbook.yml",
        ),
        Example(
            bad="- name: Unpack\n  ansible.builtin.command: tar xf /tmp/app.tar -C /opt\n",
            good="- name: Unpack\n  ansible.builtin.command: tar xf /tmp/app.tar -C /opt\n  args:\n    creates: /opt/app\n",
            filename="roles/app/tasks/main.yml",
        ),
    ),
)
def check(playbook, ctx):
    for task in playbook.tasks:
        if task.module not in _MODULES:
            continue
        node = task.node
        if "changed_when" in node or "creates" in task.args or "removes" in task.args:
            continue
        if "async" in node and node.get("poll") == 0:
            continue  # fire-and-forget: the result is collected elsewhere
        yield Problem(task.action_span(), f"{task.short_module} task always reports changed: add changed_when, creates or removes")
