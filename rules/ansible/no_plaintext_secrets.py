"""Passwords and tokens written in clear in vars files, inventories and tasks."""

from lintkit.model import Example, Problem, rule
from lintkit.secrets import mask
from lintkit.yamlmodel import YMap, YSeq

from .common import is_clear_secret

def _walk(mapping: YMap):
    """(key, value, value span) of every entry of a mapping, nested ones included."""
    stack = [mapping]
    while stack:
        node = stack.pop()
        if isinstance(node, YMap):
            for key, value in node.items():
                if isinstance(value, (YMap, YSeq)):
                    stack.append(value)
                else:
                    yield key, value, node.value_span(key)
        elif isinstance(node, YSeq):
            stack.extend(item for item in node if isinstance(item, (YMap, YSeq)))


@rule(
    id="AN057",
    name="no-plaintext-secrets",
    severity="error",
    summary="Password or token stored unencrypted",
    rationale=(
        "Credentials committed in clear (a vars file, an inventory, a task argument) are "
        "readable by everyone with access to the repository and its history, forever. "
        "Encrypt the file with `ansible-vault encrypt`, or the value with "
        "`ansible-vault encrypt_string` (a `!vault` value), or look it up from a secret "
        "store at run time."
    ),
    tags=("security",),
    reports_secrets=True,
    examples=(
        Example(
            bad="docker_hub_user: deploy\ndocker_hub_token: dckr_pat_2b3e36beeb386dfdaacb9b46004ccb7c\n",
            good=(
                "docker_hub_user: deploy\ndocker_hub_token: !vault |\n"
                "  $ANSIBLE_VAULT;1.1;AES256\n  62313365396662343061393464336163383764373764613633653634306231386433626436623361\n"
            ),
            filename="group_vars/all.yml",
        ),
        Example(
            bad="- name: Web\n  hosts: all\n  vars:\n    db_password: hunter2\n  tasks: []\n",
            good="- name: Web\n  hosts: all\n  vars:\n    db_password: \"{{ vault_db_password }}\"\n  tasks: []\n",
            filename="playbook.yml",
        ),
    ),
)
def check(playbook, ctx):
    if playbook.is_vault_encrypted:
        return
    for definition in playbook.var_defs:
        if definition.origin == "register":
            continue
        if isinstance(definition.value, (YMap, YSeq)):
            for key, value, span in _walk(definition.value):
                if is_clear_secret(key, value):
                    yield Problem(span, f"{key} is stored in clear ({mask(value)}): encrypt it with ansible-vault", secret_spans=(span,))
        elif is_clear_secret(definition.name, definition.value):
            yield Problem(
                definition.value_span,
                f"{definition.name} is stored in clear ({mask(definition.value)}): encrypt it with ansible-vault",
                secret_spans=(definition.value_span,),
            )
    environments = [e.node.get("environment") for e in (*playbook.plays, *playbook.blocks)]
    for environment in environments:
        if isinstance(environment, YMap):
            for key, value, span in _walk(environment):
                if is_clear_secret(key, value):
                    yield Problem(span, f"{key} is written in clear ({mask(value)}): use a vaulted variable", secret_spans=(span,))
    for task in playbook.tasks:
        if task.module == "ansible.builtin.set_fact":
            continue  # its variables are definitions, reported above
        for holder in (task.node.get(task.action_key) if task.action_key else None, task.node.get("args"), task.node.get("environment")):
            if isinstance(holder, YMap):
                for key, value, span in _walk(holder):
                    if is_clear_secret(key, value):
                        yield Problem(span, f"{key} is written in clear ({mask(value)}): use a vaulted variable", secret_spans=(span,))
        for key in task.option_spans:
            if is_clear_secret(key, task.args.get(key)):
                span = task.arg_span(key)
                yield Problem(span, f"{key} is written in clear ({mask(task.args[key])}): use a vaulted variable", secret_spans=(span,))
