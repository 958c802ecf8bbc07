"""Deprecated and removed modules, and the bare ``include``."""

from lintkit.model import Example, Problem, rule

from .modules import DEPRECATED_MODULES

_REPLACEMENT = {"include": "ansible.builtin.include_tasks or ansible.builtin.import_tasks"}


@rule(
    id="AN025",
    name="deprecated-module",
    severity="error",
    summary="Deprecated or removed module",
    rationale=(
        "These modules were removed from Ansible or kept only for compatibility; a playbook "
        "using them fails on current releases or stops working at the next upgrade. The "
        "bare `include` was removed in ansible-core 2.16: use `include_tasks` (dynamic) or "
        "`import_tasks` (static)."
    ),
    tags=("reliability",),
    aliases=("ansible-lint:deprecated-module",),
    examples=(
        Example(
            bad="- name: Web\n  hosts: all\n  tasks:\n    - name: Common steps\n      include: common.yml\n",
            good="- name: Web\n  hosts: all\n  tasks:\n    - name: Common steps\n      ansible.builtin.include_tasks: common.yml\n",
            filename="playbook.yml",
        ),
    ),
)
def check(playbook, ctx):
    for task in playbook.tasks:
        written = task.module_written
        if not written:
            continue
        short = written.removeprefix("ansible.builtin.")
        if short in DEPRECATED_MODULES:
            instead = _REPLACEMENT.get(short)
            message = f"Deprecated module {short}" + (f": use {instead}" if instead else "")
            span = task.action_span() if task.action_key == written else task.node.value_span(task.action_key)
            yield Problem(span, message)
