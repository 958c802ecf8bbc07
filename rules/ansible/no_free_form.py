"""Module arguments written as free-form ``k=v`` text."""

from lintkit.model import Example, Problem, rule
from lintkit.parsers.ansible import FREE_FORM_MODULES

from .modules import builtin

#: Actions whose free-form value is a file name (ansible-lint leaves them alone).
_FILE_ACTIONS = builtin("include", "include_tasks", "import_tasks", "import_playbook")


@rule(
    id="AN012",
    name="no-free-form",
    severity="warning",
    summary="Module arguments given as free-form `k=v` text",
    rationale=(
        "In `apt: name=nginx state=present` every value is a string parsed by Ansible's "
        "own splitter: quoting, spaces and `=` inside values, and types (`mode=0644`, "
        "`force=no`) behave differently from YAML, and a typo in a key is not a YAML error. "
        "Write arguments as a mapping. For `command`/`shell`, options such as `chdir=` or "
        "`creates=` inside the command line are easy to mistake for part of the command."
    ),
    tags=("reliability", "style"),
    aliases=("ansible-lint:no-free-form",),
    examples=(
        Example(
            bad="- name: Web\n  hosts: all\n  tasks:\n    - name: Install nginx\n      ansible.builtin.apt: name=nginx state=present\n",
            good="- name: Web\n  hosts: all\n  tasks:\n    - name: Install nginx\n      ansible.builtin.apt:\n        name: nginx\n        state: present\n",
            filename="playbook.yml",
        ),
    ),
)
def check(playbook, ctx):
    for task in playbook.tasks:
        key = task.action_key
        if key is None or key != task.module_written or task.module in _FILE_ACTIONS:
            continue
        value = task.node.get(key)
        if task.module == "ansible.builtin.raw":
            if isinstance(value, str):
                if "executable" in task.args and "executable" in task.option_spans:
                    yield Problem(task.arg_span("executable"), "Avoid executable= inside raw's command; use args: executable:")
            elif value is not None:
                yield Problem(task.node.value_span(key), "raw takes a command string, not a mapping or list")
            continue
        if not isinstance(value, str) or "=" not in value:
            continue
        options = list(task.option_spans)
        if task.module in FREE_FORM_MODULES:
            if options:
                yield Problem(
                    task.arg_span(options[0]),
                    f"Avoid {options[0]}= in the command line; give it under args: (or use cmd:)",
                )
        else:
            span = task.arg_span(options[0]) if options else task.node.value_span(key)
            yield Problem(span, f"Avoid free-form arguments for {task.module_written}; write them as a mapping")
