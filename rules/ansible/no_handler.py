"""Tasks that run when another task changed: handlers in disguise."""

from lintkit.model import Example, Problem, rule
from lintkit.yamlmodel import YSeq

_CHANGED = (".changed", "|changed", '["changed"]', "['changed']", "is changed")


def _only_changed(condition) -> bool:
    """A condition that is just "X changed" (no and/or/not combining it with more)."""
    if not isinstance(condition, str):
        return False
    if {"and", "or", "not"} & set(condition.split()):
        return False
    return any(marker in condition for marker in _CHANGED)


@rule(
    id="AN021",
    name="no-handler",
    severity="info",
    summary="Task runs `when: result.changed`: make it a handler",
    rationale=(
        "A task conditioned on another task's `changed` is a handler written inline: it "
        "does not run if the play fails between the two, runs once per change instead of "
        "once per play, and cannot be shared. `notify:` a handler instead."
    ),
    tags=("maintainability",),
    aliases=("ansible-lint:no-handler",),
    examples=(
        Example(
            bad=(
                "- name: Web\n  hosts: all\n  tasks:\n"
                "    - name: Write config\n      ansible.builtin.template:\n        src: a.j2\n        dest: /etc/a\n        mode: \"0644\"\n      register: config\n"
                "    - name: Restart app\n      ansible.builtin.service:\n        name: app\n        state: restarted\n      when: config.changed\n"
            ),
            good=(
                "- name: Web\n  hosts: all\n  tasks:\n"
                "    - name: Write config\n      ansible.builtin.template:\n        src: a.j2\n        dest: /etc/a\n        mode: \"0644\"\n      notify: Restart app\n"
                "  handlers:\n    - name: Restart app\n      ansible.builtin.service:\n        name: app\n        state: restarted\n"
            ),
            filename="playbook.yml",
        ),
    ),
)
def check(playbook, ctx):
    for entry in playbook.entries:
        if entry.is_handler or "when" not in entry.node:
            continue
        when = entry.node["when"]
        if _only_changed(when) or (isinstance(when, YSeq) and len(when) == 1 and _only_changed(when[0])):
            yield Problem(entry.node.value_span("when"), "Task runs only when another task changed: notify a handler instead")
