"""Variable names that break Ansible's naming rules."""

import keyword
import re

from lintkit.model import Example, Problem, rule
from lintkit.parsers.ansible import has_jinja

#: Names Ansible reserves for playbook keywords and template globals.
RESERVED = frozenset("""
    action always any_errors_fatal args async async_val become become_exe become_flags
    become_method become_user block changed_when check_mode collections connection cycler
    debugger delay delegate_facts delegate_to dict diff environment fact_path failed_when
    force_handlers gather_facts gather_timeout handlers hosts ignore_errors ignore_unreachable
    joiner lipsum local_action lookup loop loop_control loop_with max_fail_percentage
    module_defaults name namespace no_log notify now omit order poll port post_tasks pre_tasks
    q query range register remote_user rescue retries roles run_once serial strategy tags
    tasks throttle timeout undef until vars vars_files vars_prompt when with_
""".split())
#: Magic variables Ansible sets itself; assigning them has no effect or breaks things.
READ_ONLY = frozenset("""
    ansible_check_mode ansible_collection_name ansible_config_file ansible_dependent_role_names
    ansible_diff_mode ansible_forks ansible_index_var ansible_inventory_sources ansible_limit
    ansible_local ansible_loop ansible_loop_var ansible_parent_role_names
    ansible_parent_role_paths ansible_play_batch ansible_play_hosts ansible_play_hosts_all
    ansible_play_name ansible_play_role_names ansible_playbook_python ansible_role_name
    ansible_role_names ansible_run_tags ansible_search_path ansible_skip_tags
    ansible_verbosity ansible_version group_names groups hostvars inventory_dir
    inventory_file inventory_hostname inventory_hostname_short omit play_hosts playbook_dir
    role_name role_names role_path
""".split())
#: Special variables users are meant to set.
ALLOWED_SPECIAL = frozenset((
    "ansible_facts", "ansible_become_user", "ansible_connection", "ansible_host",
    "ansible_python_interpreter", "ansible_user", "ansible_remote_tmp",
))  # fmt: skip
_NAME_OR_FQCN = re.compile(r"^\w+(\.\w+){2,100}$|^\w+$")

#: Where a definition comes from -> whether the role's prefix applies to it.
_ROLE_SCOPED = frozenset(("vars-file", "set_fact", "register"))


def problem_with(name, pattern: re.Pattern | None, prefix: str | None) -> str | None:
    """What is wrong with a variable name (None: nothing). ``pattern`` is the regex names
    must match (None: not checked); ``prefix`` the role name a role's variables should
    start with."""
    if not isinstance(name, str):
        return f"Variable names must be strings, not {type(name).__name__} ({name!r})"
    if name in ALLOWED_SPECIAL:
        return None
    if not name.isascii():
        return f"Variable names must be ASCII ({name})"
    if keyword.iskeyword(name):
        return f"Variable names must not be Python keywords ({name})"
    if name in RESERVED:
        return f"Variable names must not be Ansible reserved names ({name})"
    if name in READ_ONLY:
        return f"This special variable is read-only ({name})"
    if "{{" in name:
        return None
    if pattern is not None and not pattern.match(name):
        return f"Variable names should match {pattern.pattern} ({name})"
    # Leading underscores mark a private name, of a variable or of a role (`_common`):
    # `_common_binary_url` and `common_url` both carry role _common's prefix.
    bare_prefix = prefix.lstrip("_") if prefix else None
    if (
        bare_prefix
        and _NAME_OR_FQCN.search(prefix)
        and not has_jinja(prefix)
        and not name.lstrip("_").startswith(("ansible_", f"{bare_prefix}_"))
    ):
        return f"Variables of role {prefix} should start with {bare_prefix}_ ({name})"
    return None


@rule(
    id="AN029",
    name="var-naming",
    severity="warning",
    summary="Variable name breaks the naming rules",
    rationale=(
        "Variables share one namespace per host: a name that is not lower snake_case, "
        "shadows a playbook keyword or a magic variable (`environment`, `hostvars`), or "
        "is not prefixed with its role's name collides with other roles and with Ansible "
        "itself, usually silently."
    ),
    tags=("maintainability",),
    aliases=("ansible-lint:var-naming",),
    options={
        "type": "object",
        "properties": {
            "pattern": {"type": "string", "default": "^[a-z_][a-z0-9_]*$", "description": "Regex every variable name must match"},
        },
    },
    examples=(
        Example(
            bad="- name: Web\n  hosts: all\n  vars:\n    AppPort: 8080\n  tasks: []\n",
            good="- name: Web\n  hosts: all\n  vars:\n    app_port: 8080\n  tasks: []\n",
            filename="playbook.yml",
        ),
        Example(
            bad="port: 8080\n",
            good="web_port: 8080\n",
            filename="roles/web/defaults/main.yml",
        ),
    ),
)
def check(playbook, ctx):
    if playbook.role not in ("playbook", "tasks", "handlers", "vars"):
        return
    pattern = re.compile(ctx.options.get("pattern", "^[a-z_][a-z0-9_]*$"))
    for definition in playbook.var_defs:
        name = definition.name
        if definition.origin == "register" and isinstance(name, str) and name.startswith("__"):
            continue
        check_pattern = True
        prefix = None
        if definition.origin in _ROLE_SCOPED:
            prefix = playbook.role_name
        elif definition.target_role is not None:
            role = definition.target_role
            if role.count(".") >= 2:
                check_pattern = False  # namespace.collection.role: the collection's naming applies
            elif "." not in role:
                prefix = role.split("/")[-1]
        message = problem_with(name, pattern if check_pattern else None, prefix)
        if message:
            yield Problem(definition.key_span, message)
