"""Environment assignments written in front of a command-module command."""

from lintkit.model import Example, Problem, rule

#: What ansible.builtin.command accepts; anything else in its arguments is misplaced.
_COMMAND_ARGS = frozenset((
    "argv", "chdir", "creates", "executable", "expand_argument_vars", "removes", "stdin",
    "stdin_add_newline", "strip_empty_ends", "cmd", "_raw_params", "warn",
))  # fmt: skip


@rule(
    id="AN011",
    name="inline-env-var",
    severity="error",
    summary="Environment variable set inline in a command-module command",
    rationale=(
        "`ansible.builtin.command` does not run a shell: in `FOO=bar make` it tries to "
        "execute a program named `FOO=bar`. Set variables with the task's `environment:` "
        "keyword (or use `shell` when a shell is really needed)."
    ),
    tags=("reliability",),
    aliases=("ansible-lint:inline-env-var",),
    examples=(
        Example(
            bad="- name: Web\n  hosts: all\n  tasks:\n    - name: Build\n      ansible.builtin.command: DEBUG=1 make\n      changed_when: true\n",
            good=(
                "- name: Web\n  hosts: all\n  tasks:\n    - name: Build\n      ansible.builtin.command: make\n"
                "      environment:\n        DEBUG: \"1\"\n      changed_when: true\n"
            ),
            filename="playbook.yml",
        ),
    ),
)
def check(playbook, ctx):
    for task in playbook.tasks:
        if task.module != "ansible.builtin.command" or task.command is None or task.command.from_argv:
            continue
        unexpected = [k for k in task.args if isinstance(k, str) and k not in _COMMAND_ARGS]
        for key in unexpected:
            yield Problem(task.arg_span(key), f"command does not take {key}=: set environment variables with environment:")
        commands = [c for c in task.command.script.commands if not c.in_substitution]
        if commands and commands[0].assignments:
            assignment = commands[0].assignments[0]
            yield Problem(
                assignment.span,
                f"command does not run a shell: {assignment.name}= is not an environment variable here; use environment:",
            )
