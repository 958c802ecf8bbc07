"""Plays, blocks and tasks Ansible refuses to load: unknown keywords, two actions or none."""

from lintkit.model import Example, Problem, rule
from lintkit.parsers.ansible import BLOCK_KEYWORDS, PLAY_KEYWORDS


@rule(
    id="AN058",
    name="syntax-valid",
    severity="error",
    summary="Play or block with an unknown keyword, task with two actions or none",
    rationale=(
        "Ansible takes every key of a task that is not a keyword as its action. A misspelt "
        "keyword (`notfy:`) or an argument indented one level too shallow becomes a second "
        "action, and the whole playbook fails to load with \"conflicting action "
        "statements\". A task with keywords only fails with \"no module/action detected\". "
        "Plays and blocks accept only their keywords: `task:` for `tasks:`, or a `loop:` on "
        "a block, is refused with \"is not a valid attribute\"."
    ),
    tags=("reliability",),
    aliases=("ansible-lint:syntax-check[specific]",),
    examples=(
        Example(
            bad="- name: Web\n  hosts: all\n  task:\n    - name: Install nginx\n      ansible.builtin.apt:\n        name: nginx\n",
            good="- name: Web\n  hosts: all\n  tasks:\n    - name: Install nginx\n      ansible.builtin.apt:\n        name: nginx\n",
            filename="playbook.yml",
        ),
        Example(
            bad="- name: Web\n  hosts: all\n  tasks:\n    - name: Install nginx\n      ansible.builtin.apt:\n      name: nginx\n      state: present\n",
            good="- name: Web\n  hosts: all\n  tasks:\n    - name: Install nginx\n      ansible.builtin.apt:\n        name: nginx\n        state: present\n",
            filename="playbook.yml",
        ),
    ),
)
def check(playbook, ctx):
    for play in playbook.plays:
        if not play.is_import:
            for key in play.node:
                if key not in PLAY_KEYWORDS:
                    yield Problem(play.node.key_span(key), f"{key!r} is not a valid attribute for a Play")
    for block in playbook.blocks:
        for key in block.node:
            if key not in BLOCK_KEYWORDS:
                loops = key == "loop" or (isinstance(key, str) and key.startswith("with_"))
                reason = ": a block cannot loop (loop over include_tasks instead)" if loops else ""
                yield Problem(block.node.key_span(key), f"{key!r} is not a valid attribute for a Block{reason}")
    for task in playbook.tasks:
        keys = task.action_keys
        if len(keys) > 1:
            extra = keys[1]
            yield Problem(
                task.node.key_span(extra),
                f"conflicting action statements: {', '.join(keys)} (is {extra} a misspelt keyword or a misindented argument?)",
            )
        elif task.action_key is None:
            yield Problem(task.head_span(), "no module/action detected in task")
