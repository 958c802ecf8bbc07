"""git/hg checkouts of a moving revision."""

from lintkit.model import Example, Problem, rule

#: module -> (the argument naming the revision, the moving value it defaults to)
_MOVING = {"ansible.builtin.git": ("version", "HEAD"), "community.general.hg": ("revision", "default")}


@rule(
    id="AN013",
    name="vcs-moving-ref",
    severity="warning",
    summary="git/hg checkout of HEAD or of no explicit revision",
    rationale=(
        "Without a tag or commit, each run checks out whatever the branch points to now: "
        "two hosts deployed minutes apart run different code, and a rerun is not a "
        "repeat. Pin `version:` (git) or `revision:` (hg) to a tag or commit."
    ),
    tags=("reliability",),
    aliases=("ansible-lint:latest[git]", "ansible-lint:latest[hg]"),
    examples=(
        Example(
            bad="- name: Web\n  hosts: all\n  tasks:\n    - name: Check out app\n      ansible.builtin.git:\n        repo: https://example.com/app.git\n        dest: /opt/app\n",
            good="- name: Web\n  hosts: all\n  tasks:\n    - name: Check out app\n      ansible.builtin.git:\n        repo: https://example.com/app.git\n        dest: /opt/app\n        version: v1.4.2\n",
            filename="playbook.yml",
        ),
    ),
)
def check(playbook, ctx):
    for task in playbook.tasks:
        moving = _MOVING.get(task.module or "")
        if moving is None:
            continue
        key, default = moving
        value = task.args.get(key, default)
        if value == default:
            where = task.arg_span(key) if key in task.args else task.action_span()
            yield Problem(where, f"{task.short_module} checks out {default}: pin {key}: to a tag or commit")
