"""run_once combined with the free strategy."""

import configparser
import os

from lintkit import project, workspace
from lintkit.model import Example, Problem, rule
from lintkit.parsers.ansible import has_jinja


def _configured_strategy(folder: str) -> str | None:
    """The default strategy the nearest ansible.cfg (from ``folder`` up to the project
    root) sets, if any."""
    within = project.current()
    current = os.path.abspath(folder)
    while within.contains(current):
        config = os.path.join(current, "ansible.cfg")
        if workspace.is_file(config):
            text = workspace.read_text(config, strict=True)
            parser = configparser.ConfigParser(interpolation=None, strict=False)
            try:
                parser.read_string(text or "", source=config)
            except configparser.Error:
                return None
            return parser.get("defaults", "strategy", fallback=None)
        parent = os.path.dirname(current)
        if parent == current:
            return None
        current = parent
    return None


def _strategy(playbook, play) -> str | None:
    strategy = play.node.get("strategy")
    if strategy is None:
        strategy = _configured_strategy(os.path.dirname(playbook.path) or ".")
    return strategy if isinstance(strategy, str) else None


@rule(
    id="AN032",
    name="run-once-free-strategy",
    severity="warning",
    summary="run_once in a play that runs with the free strategy",
    rationale=(
        "With `strategy: free` every host runs through the tasks at its own pace, so "
        "`run_once` does not mean \"once, before the others continue\": the hosts do not "
        "wait for it. Use the linear strategy for plays that rely on `run_once`, or move "
        "the task to a play of its own. The play's `strategy:` counts, else the default "
        "set in the project's ansible.cfg; a templated strategy may be free."
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
        strategy = _strategy(playbook, play)
        if strategy == "free" or has_jinja(strategy):
            free_plays.add(id(play))
            if "strategy" in play.node:
                yield Problem(play.node.value_span("strategy"), "Play may use strategy: free; run_once tasks in it do not hold other hosts back")
    for entry in playbook.entries:
        if entry.node.get("run_once") and entry.play is not None and id(entry.play) in free_plays:
            yield Problem(entry.node.key_span("run_once"), "run_once in a play with the free strategy does not make the other hosts wait")
