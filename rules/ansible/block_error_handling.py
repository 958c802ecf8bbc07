"""Blocks without a rescue section (Checkov's policy)."""

from lintkit.model import Example, Problem, rule


@rule(
    id="AN054",
    name="block-error-handling",
    severity="info",
    summary="block without rescue",
    rationale=(
        "Checkov asks every block to handle its tasks' failures with `rescue:`, so that a "
        "failed step can be rolled back or reported instead of leaving a host half-changed. "
        "Many blocks only group tasks under one `when:` or `become:`, so this is off by "
        "default; enable it where blocks are transactions."
    ),
    tags=("reliability",),
    aliases=("CKV2_ANSIBLE_3",),
    enabled=False,
    examples=(
        Example(
            bad=(
                "- name: Web\n  hosts: all\n  tasks:\n    - name: Upgrade\n      block:\n"
                "        - name: Stop\n          ansible.builtin.service:\n            name: app\n            state: stopped\n"
            ),
            good=(
                "- name: Web\n  hosts: all\n  tasks:\n    - name: Upgrade\n      block:\n"
                "        - name: Stop\n          ansible.builtin.service:\n            name: app\n            state: stopped\n"
                "      rescue:\n        - name: Start again\n          ansible.builtin.service:\n            name: app\n            state: started\n"
            ),
            filename="playbook.yml",
        ),
    ),
)
def check(playbook, ctx):
    for block in playbook.blocks:
        if "block" in block.node and "rescue" not in block.node:
            yield Problem(block.node.key_span("block"), "block has no rescue: section to handle its failures (CKV2_ANSIBLE_3)")
