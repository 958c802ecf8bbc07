"""Passwords and tokens written out on the command line of a task."""

from lintkit.model import Example, Problem, rule
from lintkit.secrets import mask

from . import command_secrets
from .modules import builtin

_MODULES = builtin("command", "shell", "raw", "script")


@rule(
    id="AN056",
    name="password-on-command-line",
    severity="error",
    summary="Password or token written out in a command/shell task",
    rationale=(
        "A secret in a command line is committed with the playbook, visible to every user "
        "of the host in the process list while it runs, and printed in the task result "
        "(`cmd:`) when the task fails or runs with -v. Keep it in a vaulted variable, pass "
        "it on stdin (`docker login --password-stdin`, `stdin:`) or through the module "
        "made for the job (community.docker.docker_login), and set `no_log: true`."
    ),
    tags=("security",),
    reports_secrets=True,
    examples=(
        Example(
            bad="- name: Web\n  hosts: all\n  tasks:\n    - name: Log in to registry\n      ansible.builtin.command: docker login -u deploy -p hunter2\n      changed_when: false\n",
            good=(
                "- name: Web\n  hosts: all\n  tasks:\n    - name: Log in to registry\n"
                "      community.docker.docker_login:\n        username: deploy\n        password: \"{{ registry_password }}\"\n      no_log: true\n"
            ),
            filename="playbook.yml",
        ),
    ),
)
def check(playbook, ctx):
    for task in playbook.tasks:
        if task.module not in _MODULES:
            continue
        for secret in command_secrets.find(task, playbook.source):
            if secret.literal:
                yield Problem(
                    secret.span,
                    f"Secret on the command line ({secret.via} {mask(secret.written)}): use a vaulted variable "
                    "passed on stdin or by a module, with no_log: true",
                    secret_spans=(secret.span,),
                )
