"""notify naming a handler that no file of the project defines."""

import os
import re

from lintkit import project, workspace
from lintkit.model import Example, Problem, rule
from lintkit.parsers.ansible import has_jinja, reference_candidates
from lintkit.yamlmodel import YMap, YSeq

#: ``role_name : handler name`` addresses a role's handler by its role.
_ROLE_QUALIFIED = re.compile(r"^[^:]+ : (.+)$")


def _names(value) -> list:
    if isinstance(value, str):
        return [value]
    if isinstance(value, YSeq):
        return [v for v in value if isinstance(v, str)]
    return []


def _uses_outside_roles(view) -> bool:
    """A play of this file uses a role from outside the project (``ns.role``), whose
    handlers lintkit cannot see."""
    for reference in view.references:
        if reference.kind == "role" and ("." in reference.target or has_jinja(reference.target)):
            return True
    return False


def _handler_files(folder: str) -> list[str]:
    handlers = os.path.join(folder, "handlers")
    return [os.path.join(handlers, n) for n in workspace.listdir(handlers) if n.endswith((".yml", ".yaml"))]


def _sources(view) -> list[str] | None:
    """Files whose handlers this file's notifications may reach, besides plays seen in
    the run: its role's handlers, or those of the local roles its plays use. None when a
    role it uses cannot be found (its handlers are unknown)."""
    if view.role != "playbook":
        # A role's own handlers, also for a role folder that is a repository of its own.
        parts = os.path.normpath(view.path).split(os.sep)
        folder = view.role_path or (os.sep.join(parts[:-2]) if len(parts) > 2 and parts[-2] == "tasks" else None)
        return _handler_files(folder) if folder else []
    within = project.current()
    found: list[str] = []
    for reference in view.references:
        if reference.kind != "role":
            continue
        folder = next(
            (
                c
                for c in reference_candidates(view.path, view.role_path, "role", reference.target)
                if within.contains(c) and workspace.is_dir(c)
            ),
            None,
        )
        if folder is None:
            return None
        found.extend(_handler_files(folder))
    return found


def collect(view, ctx):
    handlers = []
    notifies = []
    for task in view.tasks:
        if task.is_handler:
            handlers.extend(_names(task.node.get("name")))
            handlers.extend(_names(task.node.get("listen")))
    for block in view.blocks:
        if block.is_handler:
            handlers.extend(_names(block.node.get("name")))
            handlers.extend(_names(block.node.get("listen")))
    sources = None if _uses_outside_roles(view) else _sources(view)
    if sources is not None:
        for entry in view.entries:
            value = entry.node.get("notify")
            if isinstance(value, str):
                notifies.append((value, entry.node.value_span("notify")))
            elif isinstance(value, YSeq):
                notifies.extend((item, value.item_span(i)) for i, item in enumerate(value) if isinstance(item, str))
    meta_dependencies = view.role == "meta" and any(
        isinstance(d.root, YMap) and d.root.get("dependencies") for d in view.documents
    )
    if not handlers and not notifies and not meta_dependencies and view.role != "playbook":
        return None
    return {
        "handlers": handlers,
        "notifies": notifies,
        "sources": sources or [],
        "role_path": view.role_path,
        "depends": meta_dependencies,
        "playbook": view.role == "playbook",
    }


@rule(
    id="AN061",
    name="notify-unknown-handler",
    severity="error",
    summary="notify names a handler that is not defined anywhere in the project",
    rationale=(
        "Ansible fails the play with \"The requested handler ... was not found\" when a "
        "changed task notifies a name no handler has (as `name:` or `listen:`), usually "
        "after a handler was renamed: the failure appears only on the run where the task "
        "changes something. Roles from outside the project (Galaxy, collections) may "
        "define handlers lintkit cannot see, so files that use them are not checked; nor are "
        "notifications whose handler files were not part of the run (a pre-commit run on "
        "one file), or role tasks when no playbook was linted with them."
    ),
    tags=("reliability",),
    collect=collect,
    examples=(
        Example(
            bad=(
                "- name: Web\n  hosts: all\n  tasks:\n    - name: Configure\n      ansible.builtin.template:\n"
                "        src: a.j2\n        dest: /etc/a\n        mode: \"0644\"\n      notify: Restart nginx\n"
                "  handlers:\n    - name: Reload nginx\n      ansible.builtin.service:\n        name: nginx\n        state: reloaded\n"
            ),
            good=(
                "- name: Web\n  hosts: all\n  tasks:\n    - name: Configure\n      ansible.builtin.template:\n"
                "        src: a.j2\n        dest: /etc/a\n        mode: \"0644\"\n      notify: Reload nginx\n"
                "  handlers:\n    - name: Reload nginx\n      ansible.builtin.service:\n        name: nginx\n        state: reloaded\n"
            ),
            filename="playbook.yml",
        ),
    ),
)
def check(facts_by_path, ctx):
    known = {name for facts in facts_by_path.values() for name in facts["handlers"]}
    roles_with_dependencies = {facts["role_path"] for facts in facts_by_path.values() if facts["depends"]}
    seen = {os.path.abspath(p) for p in facts_by_path}
    any_playbook = any(facts["playbook"] for facts in facts_by_path.values())
    for path, facts in sorted(facts_by_path.items()):
        if facts["role_path"] in roles_with_dependencies:
            continue  # a dependency's handlers may be the ones notified
        if any(os.path.abspath(source) not in seen for source in facts["sources"]):
            continue  # handlers this run did not read (a partial run, e.g. pre-commit)
        if not facts["playbook"] and not any_playbook:
            continue  # the play that includes these tasks may define the handler
        for name, span in facts["notifies"]:
            if has_jinja(name):
                continue
            qualified = _ROLE_QUALIFIED.match(name)
            if name in known or (qualified and qualified.group(1) in known):
                continue
            yield Problem(span, f"No handler named or listening to {name!r} in the project", path=path)
