"""TLS certificate checks turned off."""

from lintkit.model import Example, Problem, rule

from .common import to_bool
from .modules import VALIDATE_CERTS_IDS


@rule(
    id="AN050",
    name="validate-certs",
    severity="error",
    summary="TLS certificate validation disabled (validate_certs: false)",
    rationale=(
        "With `validate_certs: false` anyone on the network path can impersonate the "
        "server: downloads can be swapped, API calls and their credentials intercepted. "
        "Install the CA certificate on the host (or pass `ca_path`) instead."
    ),
    tags=("security",),
    aliases=("CKV_ANSIBLE_1", "CKV_ANSIBLE_2", "CKV_ANSIBLE_3", "CKV2_ANSIBLE_6"),
    examples=(
        Example(
            bad="- name: Web\n  hosts: all\n  tasks:\n    - name: Call API\n      ansible.builtin.uri:\n        url: https://api.example.com/health\n        validate_certs: false\n",
            good="- name: Web\n  hosts: all\n  tasks:\n    - name: Call API\n      ansible.builtin.uri:\n        url: https://api.example.com/health\n",
            filename="playbook.yml",
        ),
    ),
)
def check(playbook, ctx):
    for task in playbook.tasks:
        check_id = VALIDATE_CERTS_IDS.get(task.module or "")
        if check_id and "validate_certs" in task.args and to_bool(task.args["validate_certs"]) is False:
            yield Problem(task.arg_span("validate_certs"), f"{task.short_module} with validate_certs: false accepts any certificate ({check_id})")
