"""Package signature checks bypassed."""

from lintkit.model import Example, Problem, rule

from .common import to_bool

#: module -> [(argument, value that disables signature checks, Checkov id or None)]
_BYPASSES = {
    "ansible.builtin.apt": [("allow_unauthenticated", True, "CKV_ANSIBLE_5"), ("force", True, "CKV_ANSIBLE_6")],
    "ansible.builtin.dnf": [("disable_gpg_check", True, "CKV2_ANSIBLE_4")],
    "ansible.builtin.yum": [("disable_gpg_check", True, None)],
    "ansible.builtin.yum_repository": [("gpgcheck", False, None), ("repo_gpgcheck", False, None)],
    "ansible.builtin.package": [("disable_gpg_check", True, None)],
}


@rule(
    id="AN052",
    name="package-signatures",
    severity="error",
    summary="Package signature verification bypassed",
    rationale=(
        "Signatures are what tie a package to its publisher. `allow_unauthenticated`, "
        "`force` (apt), `disable_gpg_check` (dnf/yum) and `gpgcheck: false` on a "
        "repository install whatever the mirror serves."
    ),
    tags=("security",),
    aliases=("CKV_ANSIBLE_5", "CKV_ANSIBLE_6", "CKV2_ANSIBLE_4"),
    examples=(
        Example(
            bad="- name: Web\n  hosts: all\n  tasks:\n    - name: Install\n      ansible.builtin.apt:\n        name: nginx\n        allow_unauthenticated: true\n",
            good="- name: Web\n  hosts: all\n  tasks:\n    - name: Install\n      ansible.builtin.apt:\n        name: nginx\n",
            filename="playbook.yml",
        ),
    ),
)
def check(playbook, ctx):
    for task in playbook.tasks:
        for argument, bad_value, check_id in _BYPASSES.get(task.module or "", ()):
            if argument in task.args and to_bool(task.args[argument]) is bad_value:
                suffix = f" ({check_id})" if check_id else ""
                yield Problem(
                    task.arg_span(argument),
                    f"{task.short_module} {argument}: {str(bad_value).lower()} skips package signature checks{suffix}",
                )
