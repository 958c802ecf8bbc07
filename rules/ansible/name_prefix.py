"""Task names in included task files that do not start with the file's stem."""

import posixpath

from lintkit.model import Example, Problem, rule


def _prefix(path: str, template: str) -> str | None:
    """The prefix ansible-lint expects: the file's folder and its stem, the folder left out
    when it is ``tasks`` (``roles/web/tasks/setup.yml`` -> ``setup | ``,
    ``roles/web/tasks/db/users.yml`` -> ``db | users | ``, ``provisioning/docker.yml`` ->
    ``provisioning | docker | ``). None for ``tasks/main.yml``."""
    parts = path.replace("\\", "/").split("/")
    folder = parts[-2] if len(parts) > 1 else ""
    stems = [posixpath.splitext(parts[-1])[0]]
    if folder and folder not in (".", "..") and not folder.startswith("tasks"):
        stems.insert(0, folder)
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
                       "description": "Prefix of task names; {stem} is the file's folder (unless tasks/) and its stem."},
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
