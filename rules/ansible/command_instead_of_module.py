"""command/shell tasks running a CLI that a module replaces."""

from lintkit.model import Example, Problem, rule

from .modules import COMMAND_MODULES

#: ansible-lint looks at command and shell only (raw exists for hosts without Python).
_MODULES = frozenset(("ansible.builtin.command", "ansible.builtin.shell"))


@rule(
    id="AN007",
    name="command-instead-of-module",
    severity="warning",
    summary="command/shell runs a CLI that an Ansible module replaces",
    rationale=(
        "A module knows the state it manages: `ansible.builtin.apt` installs only what is "
        "missing, `community.docker.docker_container` starts the container only when it is "
        "not running with that configuration, `ansible.builtin.get_url` downloads only when "
        "the file changed. The same work as a command runs every time, always reports "
        "`changed`, cannot run in check mode, and fails or duplicates on the second run "
        "(a second `docker run --name x` fails because x exists)."
    ),
    tags=("reliability",),
    aliases=("ansible-lint:command-instead-of-module",),
    examples=(
        Example(
            bad="- name: Web\n  hosts: all\n  tasks:\n    - name: Start frontend\n      ansible.builtin.shell: docker run -d --name frontend nginx:1.27\n",
            good=(
                "- name: Web\n  hosts: all\n  tasks:\n    - name: Start frontend\n"
                "      community.docker.docker_container:\n        name: frontend\n        image: nginx:1.27\n"
            ),
            filename="playbook.yml",
        ),
        Example(
            bad="- name: Web\n  hosts: all\n  tasks:\n    - name: Restart nginx\n      ansible.builtin.command: systemctl restart nginx\n",
            good="- name: Web\n  hosts: all\n  tasks:\n    - name: Show nginx status\n      ansible.builtin.command: systemctl status nginx\n      changed_when: false\n",
            filename="playbook.yml",
        ),
    ),
)
def check(playbook, ctx):
    for task in playbook.tasks:
        if task.module not in _MODULES or task.command is None:
            continue
        reported: set[str] = set()
        for index, command in enumerate(_candidates(task.command.script.commands)):
            name = command.base_name
            if name in reported or name not in COMMAND_MODULES:
                continue
            first = command.args[0].text if command.args else None
            module = COMMAND_MODULES[name].module_for(first)
            if module is None:
                continue
            # Beyond the first command, only what runs on its own (not fed a pipe, not
            # inside $(...) or a condition) can be swapped for a task.
            if index and (command.in_pipeline or command.in_condition):
                continue
            reported.add(name)
            what = f"{name} {first}" if COMMAND_MODULES[name].subcommands else name
            word = command.name_word.span if command.name_word else command.span
            yield Problem(word, f"{what} used in place of the {module} module")


def _candidates(commands):
    return [c for c in commands if not c.in_substitution and c.name is not None]

