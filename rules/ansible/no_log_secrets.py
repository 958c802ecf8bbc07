"""Tasks that handle secrets without ``no_log``."""

import re

from lintkit.model import Example, Problem, rule
from lintkit.parsers.ansible import has_jinja
from lintkit.secrets import is_secret_name

from . import command_secrets
from .common import is_secret_variable, to_bool
from .modules import builtin

_COMMANDS = builtin("command", "shell", "raw", "script")
_JINJA_NAMES = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)")


def _no_log(task) -> bool:
    value = task.keyword("no_log")
    if isinstance(value, str) and has_jinja(value):
        return True  # decided at run time; assume the author thought about it
    return bool(to_bool(value))


def _secret_from_item(task) -> str | None:
    """A secret argument whose value comes from the loop item: the item, secret included,
    is printed for every iteration unless ``loop_control.label`` replaces it."""
    control = task.node.get("loop_control")
    if isinstance(control, dict) and control.get("label"):
        return None
    loop_var = control.get("loop_var", "item") if isinstance(control, dict) else "item"
    uses_item = re.compile(r"\{\{[^}]*\b" + re.escape(str(loop_var)) + r"\b")
    for key, value in task.args.items():
        if is_secret_variable(key) and isinstance(value, str) and uses_item.search(value):
            return key
    return None


@rule(
    id="AN036",
    name="no-log-secrets",
    severity="warning",
    summary="Task handles a secret without no_log: true",
    rationale=(
        "Modules hide the password arguments they declare, but not everything: a loop "
        "prints each item, so a password taken from the item is printed; a command line that carries a "
        "secret variable is printed on failure and with -v; `debug` prints what it is "
        "given. `no_log: true` keeps the task's values out of the output and the logs."
    ),
    tags=("security",),
    aliases=("ansible-lint:no-log-password",),
    examples=(
        Example(
            bad=(
                "- name: Web\n  hosts: all\n  tasks:\n    - name: Create users\n      ansible.builtin.user:\n"
                "        name: \"{{ item.name }}\"\n        password: \"{{ item.password }}\"\n      loop: \"{{ users }}\"\n"
            ),
            good=(
                "- name: Web\n  hosts: all\n  tasks:\n    - name: Create users\n      ansible.builtin.user:\n"
                "        name: \"{{ item.name }}\"\n        password: \"{{ item.password }}\"\n      loop: \"{{ users }}\"\n      no_log: true\n"
            ),
            filename="playbook.yml",
        ),
        Example(
            bad="- name: Web\n  hosts: all\n  tasks:\n    - name: Log in\n      ansible.builtin.command: docker login -u deploy -p {{ registry_password }}\n      changed_when: false\n",
            good="- name: Web\n  hosts: all\n  tasks:\n    - name: Log in\n      ansible.builtin.command: docker login -u deploy -p {{ registry_password }}\n      changed_when: false\n      no_log: true\n",
            filename="playbook.yml",
        ),
    ),
)
def check(playbook, ctx):
    for task in playbook.tasks:
        if _no_log(task):
            continue
        if task.loop_key is not None:
            leaked = _secret_from_item(task)
            if leaked is not None:
                yield Problem(task.arg_span(leaked), f"Each loop item is printed, and {leaked} comes from it: set no_log: true (or loop_control.label)")
                continue
        if task.module in _COMMANDS:
            secret = next((s for s in command_secrets.find(task, playbook.source) if not s.literal), None)
            if secret is not None:
                yield Problem(secret.span, f"The command line carries a secret ({secret.via}) and is printed on failure: set no_log: true")
        elif task.module == "ansible.builtin.debug":
            shown = task.args.get("var") or task.args.get("msg")
            names = [shown] if isinstance(shown, str) and "var" in task.args else _JINJA_NAMES.findall(str(shown or ""))
            secret_names = [n for n in names if isinstance(n, str) and is_secret_name(n.split(".")[0])]
            if secret_names:
                key = "var" if "var" in task.args else "msg"
                yield Problem(task.arg_span(key), f"debug prints {secret_names[0]}: remove it or set no_log: true")
