"""Plays, tasks and blocks without a name."""

from lintkit.model import Example, Problem, rule


@rule(
    id="AN002",
    name="name-required",
    severity="warning",
    summary="Play, task or block without a name",
    rationale=(
        "Names are what a run prints, what `--start-at-task` and `--list-tasks` work with, and "
        "what a reader scans. An unnamed task shows up in the output as its module and "
        "arguments, so a failure in a long play is hard to place."
    ),
    tags=("maintainability",),
    aliases=("ansible-lint:name[missing]", "ansible-lint:name[play]"),
    examples=(
        Example(
            bad="- name: Web\n  hosts: all\n  tasks:\n    - ansible.builtin.apt:\n        name: nginx\n",
            good="- name: Web\n  hosts: all\n  tasks:\n    - name: Install nginx\n      ansible.builtin.apt:\n        name: nginx\n",
            filename="playbook.yml",
        ),
        Example(
            bad="- hosts: all\n  tasks: []\n",
            good="- name: Web servers\n  hosts: all\n  tasks: []\n",
            filename="playbook.yml",
        ),
    ),
)
def check(playbook, ctx):
    for play in playbook.plays:
        if not play.node.get("name"):
            yield Problem(play.head_span(), "Play has no name")
    for entry in playbook.entries:
        if not entry.node.get("name"):
            what = "Block" if "block" in entry.node else "Task"
            yield Problem(entry.head_span(), f"{what} has no name")
