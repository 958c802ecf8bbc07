"""Repository SSL verification turned off for yum/dnf."""

from lintkit.model import Example, Problem, rule

from .common import to_bool
from .modules import SSLVERIFY_IDS


@rule(
    id="AN051",
    name="ssl-verify",
    severity="error",
    summary="Package repository SSL verification disabled (sslverify: false)",
    rationale=(
        "`sslverify: false` makes yum/dnf accept any server certificate for the "
        "repositories it reads: metadata and packages can be served by an impostor."
    ),
    tags=("security",),
    aliases=("CKV_ANSIBLE_4", "CKV2_ANSIBLE_5"),
    examples=(
        Example(
            bad="- name: Web\n  hosts: all\n  tasks:\n    - name: Install\n      ansible.builtin.dnf:\n        name: httpd\n        sslverify: false\n",
            good="- name: Web\n  hosts: all\n  tasks:\n    - name: Install\n      ansible.builtin.dnf:\n        name: httpd\n",
            filename="playbook.yml",
        ),
    ),
)
def check(playbook, ctx):
    for task in playbook.tasks:
        check_id = SSLVERIFY_IDS.get(task.module or "")
        if check_id and "sslverify" in task.args and to_bool(task.args["sslverify"]) is False:
            yield Problem(task.arg_span("sslverify"), f"{task.short_module} with sslverify: false trusts any repository server ({check_id})")
