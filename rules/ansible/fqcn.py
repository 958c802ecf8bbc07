"""Modules referenced without their fully-qualified collection name."""

from lintkit.model import Edit, Example, Fix, Problem, rule
from lintkit.parsers.ansible import BUILTIN_MODULES, COLLECTION_MODULES

from .modules import BUILTIN_REDIRECTS


@rule(
    id="AN005",
    name="fqcn",
    severity="warning",
    summary="Module referenced by its short name instead of its fully-qualified name",
    rationale=(
        "A short module name is resolved through the `collections:` search list and "
        "Ansible's routing table at run time: the same task can run a different module "
        "when a collection is added or a module moves. The fully-qualified collection name "
        "(`ansible.builtin.copy`, `community.docker.docker_container`) says which one, and "
        "makes the collection a visible dependency. The play keyword `collections:` hides "
        "the same choice for every task."
    ),
    tags=("maintainability",),
    aliases=(
        "ansible-lint:fqcn[action-core]", "ansible-lint:fqcn[action]", "ansible-lint:fqcn[keyword]",
    ),  # fmt: skip
    fix="safe",
    examples=(
        Example(
            bad="- name: Web\n  hosts: all\n  tasks:\n    - name: Copy config\n      copy:\n        src: a.conf\n        dest: /etc/a.conf\n        mode: \"0644\"\n",
            good="- name: Web\n  hosts: all\n  tasks:\n    - name: Copy config\n      ansible.builtin.copy:\n        src: a.conf\n        dest: /etc/a.conf\n        mode: \"0644\"\n",
            filename="playbook.yml",
        ),
    ),
)
def check(playbook, ctx):
    for play in playbook.plays:
        if "collections" in play.node:
            yield Problem(
                play.node.key_span("collections"),
                "Avoid the collections keyword: write the fully-qualified name of each module instead",
            )
    for task in playbook.tasks:
        written = task.module_written
        if not written or written.startswith("ansible.legacy."):
            continue
        short = written.removeprefix("ansible.builtin.")
        if short in BUILTIN_REDIRECTS and (written == short or written.startswith("ansible.builtin.")):
            target = BUILTIN_REDIRECTS[short]
        elif "." in written:
            continue
        elif written in BUILTIN_MODULES:
            target = f"ansible.builtin.{written}"
        elif written in COLLECTION_MODULES:
            target = COLLECTION_MODULES[written]
        else:
            continue  # a module of the project's own library/, or one lintkit cannot place
        fix = None
        if task.action_key == written:
            span = task.node.key_span(written)
            fix = Fix(f"Use {target}", (Edit(span, target),))
        else:  # action: / local_action: name the module in their value
            span = task.node.value_span(task.action_key)
        yield Problem(span, f"Use the fully-qualified name {target} for {written}", fix)
