"""Role names that are not lower snake_case, and roles referenced by path."""

import os
import re

from lintkit.model import Example, Problem, Span, rule
from lintkit.parsers.ansible import ROLE_SUBDIRS
from lintkit.yamlmodel import YMap, YSeq

_ROLE_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


def _role_dir(path: str) -> str | None:
    """The role folder a file sits in: the parent of its tasks/, meta/... folder, when
    that sits below a roles/ folder."""
    parts = os.path.normpath(path).split(os.sep)
    for i in range(len(parts) - 2, 0, -1):
        if parts[i] in ROLE_SUBDIRS and "roles" in parts[: i - 1]:
            return os.sep.join(parts[:i])
    return None


def collect(view, ctx):
    """Per file: the role folder it belongs to, the role_name its meta/main.yml sets, and
    role references by path (``roles: [../x]``, ``include_role: name: a/b``)."""
    facts = {"role_dir": _role_dir(view.path), "meta_name": None, "paths": []}
    if view.role == "meta":
        for document in view.documents:
            root = document.root
            info = root.get("galaxy_info") if isinstance(root, YMap) else None
            if isinstance(info, YMap) and isinstance(info.get("role_name"), str):
                facts["meta_name"] = (info["role_name"], info.value_span("role_name"))
            dependencies = root.get("dependencies") if isinstance(root, YMap) else None
            if isinstance(dependencies, YSeq):
                for index, dependency in enumerate(dependencies):
                    name = dependency.get("role", dependency.get("name")) if isinstance(dependency, YMap) else dependency
                    if isinstance(name, str) and "/" in name:
                        facts["paths"].append((name, dependencies.item_span(index)))
    for reference in view.references:
        if reference.kind == "role" and "/" in reference.target:
            facts["paths"].append((reference.target, reference.span))
    return facts


@rule(
    id="AN038",
    name="role-name",
    severity="warning",
    summary="Role name not lower snake_case, or role referenced by a path",
    rationale=(
        "Role names become variable prefixes and collection paths: Galaxy and collections "
        "accept only lower-case letters, digits and underscores, starting with a letter. "
        "Referencing a role by path (`../roles/x`, `roles/a/b`) bypasses the role search "
        "path and breaks when the playbook moves; add the folder to `roles_path` instead."
    ),
    tags=("maintainability",),
    aliases=("ansible-lint:role-name", "ansible-lint:role-name[path]"),
    collect=collect,
    examples=(
        Example(
            bad="- name: Web\n  hosts: all\n  roles:\n    - ../shared/roles/web\n",
            good="- name: Web\n  hosts: all\n  roles:\n    - web\n",
            filename="playbook.yml",
        ),
    ),
)
def check(facts_by_path, ctx):
    roles: dict[str, list[str]] = {}
    for path, facts in sorted(facts_by_path.items()):
        for target, span in facts["paths"]:
            yield Problem(span, f"Avoid referencing roles by path ({target}): add its folder to roles_path", path=path)
        if facts["role_dir"]:
            roles.setdefault(facts["role_dir"], []).append(path)
    for role_dir, paths in sorted(roles.items()):
        meta = next(((p, facts_by_path[p]["meta_name"]) for p in paths if facts_by_path[p]["meta_name"]), None)
        if meta:
            name, span = meta[1]
            where = meta[0]
        else:
            name = os.path.basename(role_dir)
            span = Span.point(1)
            where = _main_file(paths)
        name = name.removeprefix("ansible-role-")
        if name and not _ROLE_NAME.match(name):
            yield Problem(span, f"Role name {name} is not lower snake_case ([a-z][a-z0-9_]*)", path=where)


def _main_file(paths: list[str]) -> str:
    """The file a role-level finding is shown on: tasks/main.yml when there is one."""
    for path in paths:
        if path.replace(os.sep, "/").endswith(("tasks/main.yml", "tasks/main.yaml")):
            return path
    return paths[0]
