"""Interactive prompts that stop unattended runs."""

from lintkit.model import Example, Problem, rule


@rule(
    id="AN035",
    name="no-prompting",
    severity="info",
    summary="vars_prompt or pause without a timeout waits for a human",
    rationale=(
        "A playbook that asks for input cannot run from CI, cron or AWX without someone at "
        "the keyboard; it hangs until it times out. Pass the values as extra vars or from "
        "a vault. Off by default, as in ansible-lint."
    ),
    tags=("reliability",),
    aliases=("ansible-lint:no-prompting",),
    enabled=False,
    examples=(
        Example(
            bad="- name: Web\n  hosts: all\n  tasks:\n    - name: Wait for approval\n      ansible.builtin.pause:\n",
            good="- name: Web\n  hosts: all\n  tasks:\n    - name: Wait for the service\n      ansible.builtin.pause:\n        seconds: 10\n",
            filename="playbook.yml",
        ),
    ),
)
def check(playbook, ctx):
    if playbook.role == "playbook":
        for play in playbook.plays:
            if play.node.get("vars_prompt"):
                yield Problem(play.node.key_span("vars_prompt"), "Play prompts for variables (vars_prompt)")
    for task in playbook.tasks:
        if task.module == "ansible.builtin.pause" and not (task.args.get("minutes") or task.args.get("seconds")):
            yield Problem(task.action_span(), "pause without minutes/seconds waits for a keypress")
