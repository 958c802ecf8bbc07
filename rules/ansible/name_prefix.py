"""Task names in included task files that do not start with the file's stem."""

import posixpath

from lintkit.model import Example, Problem, rule


def _prefix(path: str, template: str) -> str | None:
    """``roles/web/tasks/setup.yml`` -> ``setup | ``; ``tasks/db/users.yml`` ->
    ``db | users | ``: the folders below the last ``tasks/`` folder and the file's stem.
    None for ``tasks/main.yml`` and for files not below a ``tasks/`` folder."""
    parts = path.replace("\\", "/").split("/")
    if "tasks" not in parts[:-1]:
        return None
    last = len(parts) - 1 - parts[::-1].index("tasks", 1)
    stems = parts[last + 1 : -1] + [posixpath.splitext(parts[-1])[0]]
    if stems == ["main"]:
        return None
    return "".join(template.format(stem=stem) for stem in stems)


@rule(
    id="AN064",
    name="name-prefix",
    severity="style",
    summary="Task name in an included task file not prefixed with the file's stem",
    rationale=(
        "Run output shows only task names; prefixing the tasks of `tasks/setup.yml` with "
        "`setup | ` tells at a glance which file a task comes from. A convention, off by "
        "default as in ansible-lint; the prefix pattern is configurable."
    ),
    tags=("style",),
    aliases=("ansible-lint:name[prefix]",),
    enabled=False,
    options={
        "type": "object",
        "properties": {
            "prefix": {"type": "string", "default": "{stem} | ",
                       "description": "Prefix of task names; {stem} is each folder below tasks/ and the file's stem."},
        },
        "additionalProperties": False,
    },
    examples=(
        Example(
            bad="- name: Install nginx\n  ansible.builtin.apt:\n    name: nginx\n",
            good="- name: setup | Install nginx\n  ansible.builtin.apt:\n    name: nginx\n",
            filename="roles/web/tasks/setup.yml",
        ),
    ),
)
def check(playbook, ctx):
    if playbook.role != "tasks":
        return
    prefix = _prefix(playbook.path, ctx.options["prefix"])
    if not prefix:
        return
    for entry in playbook.entries:  # tasks and named blocks, as ansible-lint reads them
        name = entry.node.get("name")
        if isinstance(name, str) and name and not name.startswith(prefix):
            yield Problem(entry.node.value_span("name"), f"Task name should start with {prefix!r}")
