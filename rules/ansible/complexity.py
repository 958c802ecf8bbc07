"""Plays and task files too long, blocks nested too deep."""

from lintkit.model import Example, Problem, rule
from lintkit.yamlmodel import YSeq


@rule(
    id="AN034",
    name="complexity",
    severity="info",
    summary="Play or task file with too many tasks, or blocks nested too deep",
    rationale=(
        "A play of hundreds of tasks or blocks nested many levels deep is hard to review "
        "and to rerun in part. Split it with `include_tasks`/`import_tasks` and roles."
    ),
    tags=("maintainability",),
    aliases=("ansible-lint:complexity[play]", "ansible-lint:complexity[tasks]", "ansible-lint:complexity[nesting]"),
    options={
        "type": "object",
        "properties": {
            "max-tasks": {"type": "integer", "minimum": 1, "default": 100},
            "max-block-depth": {"type": "integer", "minimum": 1, "default": 20},
        },
    },
    examples=(
        Example(
            bad="".join(f"- name: Step {i}\n  ansible.builtin.debug:\n    msg: {i}\n" for i in range(101)),
            good="- name: Step\n  ansible.builtin.debug:\n    msg: one\n",
            filename="roles/app/tasks/main.yml",
        ),
    ),
)
def check(playbook, ctx):
    max_tasks = ctx.options.get("max-tasks", 100)
    max_depth = ctx.options.get("max-block-depth", 20)
    for play in playbook.plays:
        tasks = play.node.get("tasks")
        if isinstance(tasks, YSeq) and len(tasks) > max_tasks:
            yield Problem(play.node.key_span("tasks"), f"Play has {len(tasks)} tasks, over the maximum of {max_tasks}")
    if playbook.role in ("tasks", "handlers"):
        count = len(playbook.entries)
        if count > max_tasks:
            first = playbook.entries[0].head_span()
            yield Problem(first, f"File has {count} tasks, over the maximum of {max_tasks}: split it with include_tasks")
    for block in playbook.blocks:
        depth = len(block.parents)  # blocks around this one
        if depth > max_depth:
            yield Problem(block.head_span(), f"Block nested {depth} deep, over the maximum of {max_depth}: use include_tasks")
