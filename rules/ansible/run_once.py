"""run_once combined with the free strategy."""

from lintkit.model import Example, Problem, rule


@rule(
    id="AN032",
    name="run-once-free-strategy",
    severity="warning",
    summary="run_once in a play with strategy: free",
    rationale=(
        "With `strategy: free` every host runs through the tasks at its own pace, so "
        "`run_once` does not mean \"once, before the others continue\": the hosts do not "
        "wait for it. Use the linear strategy for plays that rely on `run_once`, or move "
        "the task to a play of its own."
    ),
    tags=("reliability",),
    aliases=("ansible-lint:run-once[play]", "ansible-lint:run-once[task]"),
    examples=(
        Example(
            bad="- name: Web\n  hosts: all\n  strategy: free\n  tasks:\n    - name: Migrate\n      ansible.builtin.command: ./migrate\n      run_once: true\n      changed_when: true\n",
            good="- name: Web\n  hosts: all\n  tasks:\n    - name: Migrate\n      ansible.builtin.command: ./migrate\n      run_once: true\n      changed_when: true\n",
            filename="playbook.yml",
        ),
    ),
)
def check(playbook, ctx):
    if playbook.role != "playbook":
        return
    free_plays = set()
    for play in playbook.plays:
        if play.node.get("strategy") == "free":
            free_plays.add(id(play))
            yield Problem(play.node.value_span("strategy"), "Play uses strategy: free; run_once tasks in it do not hold other hosts back")
    for entry in playbook.entries:
        if entry.node.get("run_once") and entry.play is not None and id(entry.play) in free_plays:
            yield Problem(entry.node.key_span("run_once"), "run_once in a play with strategy: free does not make the other hosts wait")
