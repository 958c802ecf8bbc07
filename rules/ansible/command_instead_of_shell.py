"""shell tasks that use no shell feature."""

from lintkit.model import Edit, Example, Fix, Problem, rule
from lintkit.parsers.ansible import has_jinja, strip_jinja

from .modules import SHELL_BUILTINS

#: Characters that need a shell (ansible-lint's set): pipes, lists, redirections,
#: expansions, globs, quoting of those.
_SHELL_CHARACTERS = frozenset("&|<>;$\n*[]{}?`!")


@rule(
    id="AN008",
    name="command-instead-of-shell",
    severity="warning",
    summary="shell module used for a command that needs no shell",
    rationale=(
        "`ansible.builtin.shell` runs the line through `/bin/sh`, so variables in it are "
        "subject to word splitting, globbing and injection of shell syntax. "
        "`ansible.builtin.command` runs the program directly; use `shell` only for pipes, "
        "redirections, lists and expansions."
    ),
    tags=("security", "reliability"),
    aliases=("ansible-lint:command-instead-of-shell",),
    fix="safe",
    examples=(
        Example(
            bad="- name: Web\n  hosts: all\n  tasks:\n    - name: Show uptime\n      ansible.builtin.shell: uptime\n      changed_when: false\n",
            good="- name: Web\n  hosts: all\n  tasks:\n    - name: Count users\n      ansible.builtin.shell: who | wc -l\n      changed_when: false\n",
            filename="playbook.yml",
        ),
    ),
)
def check(playbook, ctx):
    for task in playbook.tasks:
        if task.module != "ansible.builtin.shell" or task.command is None or "executable" in task.args:
            continue
        text = task.command.text
        if any(c in _SHELL_CHARACTERS for c in strip_jinja(text)):
            continue
        commands = task.command.script.commands
        if len(commands) != 1 or commands[0].base_name in SHELL_BUILTINS:
            continue  # cd, source, export...: only a shell can run them
        if has_jinja(text) and not strip_jinja(text).replace("JINJA", "").strip():
            continue  # the whole command line is a template: what it holds is unknown
        fix = None
        if task.action_key == task.module_written:
            replacement = "ansible.builtin.command" if "." in task.action_key else "command"
            fix = Fix(f"Use {replacement}", (Edit(task.action_span(), replacement),))
        yield Problem(task.action_span(), "shell used for a command that needs no shell; use ansible.builtin.command", fix)
