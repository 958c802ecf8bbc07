"""File modes written as unquoted decimal numbers."""

from lintkit.model import Example, Problem, rule

from .modules import MODE_MODULES


def implausible(mode: int) -> bool:
    """A mode no one means: write without read, or more rights for group/others than for
    the owner. ``mode: 644`` (decimal, that is 0o1204) is the typical case."""
    user, group, other = (mode >> 6) % 8, (mode >> 3) % 8, mode % 8
    user_exec = user % 2 == 1

    def write_without_read(bits: int, exec_only_ok: bool) -> bool:
        return 0 < bits < 4 and not (bits == 1 and exec_only_ok)

    return (
        write_without_read(other, user_exec)
        or write_without_read(group, user_exec)
        or write_without_read(user, True)
        or other > group
        or other > user
        or group > user
    )


@rule(
    id="AN015",
    name="risky-octal",
    severity="error",
    summary="File mode written as a plain number that does not mean what it looks like",
    rationale=(
        "YAML reads `mode: 644` as the decimal number 644, which is octal 1204: sticky bit, "
        "owner write-only, group nothing, others read. Ansible applies exactly that. Quote "
        "octal modes with a leading zero (`mode: \"0644\"`) or use symbolic modes "
        "(`u=rw,g=r,o=r`)."
    ),
    tags=("security", "reliability"),
    aliases=("ansible-lint:risky-octal",),
    examples=(
        Example(
            bad="- name: Web\n  hosts: all\n  tasks:\n    - name: Write config\n      ansible.builtin.copy:\n        src: a.conf\n        dest: /etc/a.conf\n        mode: 644\n",
            good="- name: Web\n  hosts: all\n  tasks:\n    - name: Write config\n      ansible.builtin.copy:\n        src: a.conf\n        dest: /etc/a.conf\n        mode: \"0644\"\n",
            filename="playbook.yml",
        ),
    ),
)
def check(playbook, ctx):
    for task in playbook.tasks:
        if task.module not in MODE_MODULES:
            continue
        mode = task.args.get("mode")
        if isinstance(mode, bool) or not isinstance(mode, int) or not implausible(mode):
            continue
        digits = str(mode)
        hint = f'"0{digits}"' if set(digits) <= set("01234567") else "a quoted octal string"
        yield Problem(
            task.arg_span("mode"),
            f"mode: {mode} is the number {mode} (octal {mode:o}), not what it looks like; write {hint}",
        )
