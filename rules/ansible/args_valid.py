"""Module arguments that ansible-core's builtin modules do not accept, or leave out."""

from lintkit.model import Example, Problem, rule
from lintkit.yamlmodel import YMap

from .module_args import ACCEPTED, REQUIRED

#: Modules known under a second name.
_ALIASES = {"systemd": "systemd_service"}


def _spec_name(task) -> str | None:
    """The table's name for the task's module, when it is a listed builtin module and
    nothing can make its short name resolve elsewhere (a ``collections:`` search list)."""
    module = task.module or ""
    if not module.startswith("ansible.builtin."):
        return None
    if "." not in (task.module_written or "") and task.keyword("collections"):
        return None
    short = module[len("ansible.builtin.") :]
    short = _ALIASES.get(short, short)
    return short if short in ACCEPTED else None


def _key_span(task, key):
    """Where the argument's name is written (the ``k`` of a free-form ``k=v`` word)."""
    for holder in (task.node.get(task.action_key), task.node.get("args")):
        if isinstance(holder, YMap) and key in holder:
            return holder.key_span(key)
    return task.option_spans.get(key) or task.action_span()


@rule(
    id="AN087",
    name="args-valid",
    severity="error",
    summary="Builtin module given an option it does not accept, or without a required one",
    rationale=(
        "Ansible refuses a task whose module gets an unknown option (`Unsupported "
        "parameters`) or misses a required one, but only when the task runs: a typo in a "
        "rarely taken branch (`dest` written `dst`, the `warn` option removed in "
        "ansible-core 2.14) surfaces in production. lintkit knows the argument specs of "
        "ansible-core's common modules (from its 2.19 documentation) and checks them "
        "before anything runs."
    ),
    tags=("reliability",),
    aliases=("ansible-lint:args", "ansible-lint:args[module]"),
    examples=(
        Example(
            bad="- name: Configure nginx\n  ansible.builtin.copy:\n    src: nginx.conf\n    dst: /etc/nginx/nginx.conf\n    mode: \"0644\"\n",
            good="- name: Configure nginx\n  ansible.builtin.copy:\n    src: nginx.conf\n    dest: /etc/nginx/nginx.conf\n    mode: \"0644\"\n",
            filename="roles/web/tasks/main.yml",
        ),
    ),
)
def check(playbook, ctx):
    for task in playbook.tasks:
        name = _spec_name(task)
        if name is None or isinstance(task.node.get("args"), str):
            continue
        accepted = ACCEPTED[name]
        unknown = [
            k for k in task.args
            if isinstance(k, str) and not k.startswith("_") and "{{" not in k and k not in accepted
        ]
        for key in unknown:
            yield Problem(_key_span(task, key), f"{task.short_module} does not accept the option {key!r}")
        if "_raw_params" in task.args and name not in ("command", "shell"):
            continue  # free-form text Ansible reads some other way (or refuses)
        if task.keyword("module_defaults") is not None:
            continue  # defaults may supply what the task leaves out
        for names in REQUIRED[name]:
            if not any(n in task.args for n in names):
                yield Problem(task.action_span(), f"{task.short_module} requires the option {names[0]!r}")
