"""File modes that let every user write."""

import re

from lintkit.model import Example, Problem, rule

from .modules import FILE_MODULES, FILE_MODULES_WITH_CREATE, MODE_MODULES, builtin

#: Modules whose ``mode`` sets a file's (or directory's) permissions.
_MODULES = FILE_MODULES | MODE_MODULES | frozenset(FILE_MODULES_WITH_CREATE) | builtin("unarchive")
#: A clause starts where its run of ``ugoa`` starts (a start inside the run fails the same
#: way, and trying each is quadratic in the run).
_SYMBOLIC_CLAUSE = re.compile(r"(?<![ugoa])([ugoa]*+)([-+=])([rwxXst]*+)")


def world_writable(mode) -> bool | None:
    """Whether a mode grants write to others (None: not a literal mode)."""
    if isinstance(mode, bool):
        return None
    if isinstance(mode, int):
        value = mode
    elif isinstance(mode, str):
        text = mode.strip()
        if text.isdigit() and set(text) <= set("01234567"):
            value = int(text, 8)
        elif text and not text.startswith("{"):
            return any(
                ("o" in who or "a" in who) and op in "+=" and "w" in perms
                for who, op, perms in _SYMBOLIC_CLAUSE.findall(text)
            )
        else:
            return None
    else:
        return None
    if value & 0o1000:
        return False  # sticky: a shared directory such as /tmp, writable by design
    return bool(value & 0o002)


@rule(
    id="AN016",
    name="world-writable-permissions",
    severity="warning",
    summary="File mode writable by every user",
    rationale=(
        "A mode such as 0777 or 0666 lets any local user or compromised service rewrite "
        "the file: a config, a script run by root, a web root. Grant write to the owner "
        "(and the group where needed) only."
    ),
    tags=("security",),
    examples=(
        Example(
            bad="- name: Web\n  hosts: all\n  tasks:\n    - name: Write config\n      ansible.builtin.copy:\n        src: a.conf\n        dest: /etc/a.conf\n        mode: \"0777\"\n",
            good="- name: Web\n  hosts: all\n  tasks:\n    - name: Write config\n      ansible.builtin.copy:\n        src: a.conf\n        dest: /etc/a.conf\n        mode: \"0644\"\n",
            filename="playbook.yml",
        ),
    ),
)
def check(playbook, ctx):
    for task in playbook.tasks:
        if task.module not in _MODULES:
            continue
        mode = task.args.get("mode")
        if world_writable(mode):
            shown = f"0{mode:o}" if isinstance(mode, int) else mode
            yield Problem(task.arg_span("mode"), f"mode {shown} makes the file writable by every user on the host")
