"""Loops in roles without a role-prefixed loop_var."""

import re

from lintkit.model import Example, Problem, rule


@rule(
    id="AN030",
    name="loop-var-prefix",
    severity="info",
    summary="Loop in a role without a prefixed loop_var",
    rationale=(
        "Every loop sets `item` unless told otherwise: a role's loop inside a caller's "
        "loop (include_role in a loop) overwrites the caller's `item`. Give role loops a "
        "`loop_control: loop_var:` named after the role. Off by default, as in ansible-lint; "
        "`prefix` is a regex in which `{role}` stands for the role name."
    ),
    tags=("reliability",),
    aliases=("ansible-lint:loop-var-prefix",),
    enabled=False,
    options={
        "type": "object",
        "properties": {"prefix": {"type": "string", "default": "^(__|{role}_)"}},
    },
    examples=(
        Example(
            bad="- name: Install\n  ansible.builtin.apt:\n    name: \"{{ item }}\"\n  loop: \"{{ web_packages }}\"\n",
            good=(
                "- name: Install\n  ansible.builtin.apt:\n    name: \"{{ web_package }}\"\n  loop: \"{{ web_packages }}\"\n"
                "  loop_control:\n    loop_var: web_package\n"
            ),
            filename="roles/web/tasks/main.yml",
        ),
    ),
)
def check(playbook, ctx):
    role = playbook.role_name
    if not role:
        return
    identifier = re.sub(r"[\s-]+", "_", role)
    prefix = re.compile(ctx.options.get("prefix", "^(__|{role}_)").format(role=identifier))
    for task in playbook.tasks:
        loop = task.loop_key
        if loop is None:
            continue
        control = task.node.get("loop_control")
        loop_var = control.get("loop_var") if isinstance(control, dict) else None
        if not loop_var:
            yield Problem(task.node.key_span(loop), f"Loop uses the implicit item; set loop_control.loop_var matching {prefix.pattern}")
        elif isinstance(loop_var, str) and not prefix.match(loop_var):
            yield Problem(control.value_span("loop_var"), f"loop_var {loop_var} does not match {prefix.pattern}")
