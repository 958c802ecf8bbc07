"""Blanket ignore_errors."""

from lintkit.model import Example, Problem, rule

from .common import to_bool


@rule(
    id="AN020",
    name="ignore-errors",
    severity="info",
    summary="ignore_errors without a register to inspect what failed",
    rationale=(
        "`ignore_errors: true` hides every failure of the task, including the ones nobody "
        "expected (a typo, a full disk). Say which failures are acceptable with "
        "`failed_when:`, or at least `register:` the result and act on it."
    ),
    tags=("reliability",),
    aliases=("ansible-lint:ignore-errors",),
    examples=(
        Example(
            bad="- name: Web\n  hosts: all\n  tasks:\n    - name: Stop old app\n      ansible.builtin.service:\n        name: old\n        state: stopped\n      ignore_errors: true\n",
            good=(
                "- name: Web\n  hosts: all\n  tasks:\n    - name: Stop old app\n      ansible.builtin.service:\n        name: old\n        state: stopped\n"
                "      register: stop_old\n      failed_when: stop_old.failed and 'not find' not in stop_old.msg\n"
            ),
            filename="playbook.yml",
        ),
    ),
)
def check(playbook, ctx):
    for entry in playbook.entries:
        node = entry.node
        value = node.get("ignore_errors")
        if not value or "register" in node:
            continue
        if isinstance(value, str) and value.replace(" ", "") == "{{ansible_check_mode}}":
            continue
        if to_bool(value) is False:
            continue
        yield Problem(node.key_span("ignore_errors"), "ignore_errors hides every failure; use failed_when: or register: the result")
