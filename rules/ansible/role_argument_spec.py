"""Roles without an argument specification."""

import os

from lintkit import workspace
from lintkit.model import Example, Problem, Span, rule
from lintkit.yamlmodel import YMap

_MAINS = ("main.yml", "main.yaml")


def _role_dir(path: str, folder: str) -> str | None:
    """The role folder of ``<role>/<folder>/main.yml`` when it sits below a ``roles/`` folder."""
    parts = os.path.normpath(path).split(os.sep)
    if len(parts) >= 4 and parts[-1] in _MAINS and parts[-2] == folder and "roles" in parts[:-3]:
        return os.sep.join(parts[:-2])
    return None


def _has_spec_file(role_dir: str) -> bool:
    return any(workspace.is_file(os.path.join(role_dir, "meta", f"argument_specs.{ext}")) for ext in ("yml", "yaml"))


@rule(
    id="AN069",
    name="role-argument-spec",
    severity="info",
    summary="Role without meta/argument_specs.yml (or argument_specs in meta/main.yml)",
    rationale=(
        "An argument specification documents a role's variables, lets Ansible validate "
        "them before the role runs (wrong types and missing required values fail early, "
        "with a clear message) and feeds `ansible-doc`. Off by default, as in ansible-lint."
    ),
    tags=("maintainability",),
    aliases=("ansible-lint:role-argument-spec",),
    enabled=False,
    examples=(
        Example(
            bad="galaxy_info:\n  author: Jane Doe\n  description: Web server\n  license: MIT\n",
            good="galaxy_info:\n  author: Jane Doe\n  description: Web server\n  license: MIT\nargument_specs:\n  main:\n    options:\n      web_port:\n        type: int\n        default: 80\n",
            filename="roles/web/meta/main.yml",
        ),
    ),
)
def check(view, ctx):
    meta_role = _role_dir(view.path, "meta")
    if meta_role is not None:
        roots = [d.root for d in view.documents]
        if any(isinstance(r, YMap) and "argument_specs" in r for r in roots) or _has_spec_file(meta_role):
            return
        first = next((r for r in roots if isinstance(r, YMap) and r), None)
        span = first.key_span(next(iter(first))) if first is not None else Span.point(1)
        yield Problem(span, f"Role {os.path.basename(meta_role)} has no argument specification (meta/argument_specs.yml)")
        return
    tasks_role = _role_dir(view.path, "tasks")
    if tasks_role is None or view.role != "tasks":
        return
    if any(workspace.is_file(os.path.join(tasks_role, "meta", name)) for name in _MAINS) or _has_spec_file(tasks_role):
        return  # meta/main.yml carries the finding, or the spec exists
    yield Problem(Span.point(1), f"Role {os.path.basename(tasks_role)} has no argument specification (meta/argument_specs.yml)")
