"""The six file kinds: how a file is recognised and which parser reads it.

Detection by name comes first (DESIGN.md lists the patterns); YAML files that no name
claims are loaded once and offered to each kind's ``sniff(path, documents)`` in turn, so
the knowledge of what a playbook or a manifest looks like stays in that kind's parser.
Files that are not YAML by name can be claimed by a kind's light ``claims(path)`` (Ansible's
INI inventories).
"""

from __future__ import annotations

import fnmatch
import importlib
import posixpath
import re
from types import ModuleType

from .model import KINDS

#: Kinds whose files are YAML (the engine loads them once with lintkit.yamlmodel).
YAML_KINDS = frozenset(("compose", "kubernetes", "ansible", "gitlab-ci", "github-actions"))

#: Order in which content sniffers are asked about an unclaimed YAML file: the most
#: specific shapes first, so a compose file with a `jobs:` service is not a workflow.
SNIFF_ORDER = ("kubernetes", "github-actions", "compose", "gitlab-ci", "ansible")

_PARSER_MODULES = {
    "dockerfile": "lintkit.parsers.dockerfile",
    "compose": "lintkit.parsers.compose",
    "kubernetes": "lintkit.parsers.kubernetes",
    "ansible": "lintkit.parsers.ansible",
    "gitlab-ci": "lintkit.parsers.gitlab_ci",
    "github-actions": "lintkit.parsers.github_actions",
}

_YAML_SUFFIXES = (".yml", ".yaml")
_DOCKERFILE_NAME = re.compile(r"(?:docker|container)file|[^/]+\.(?:docker|container)file", re.IGNORECASE)
#: ``Dockerfile.<variant>`` (``Dockerfile.dev``, ``Dockerfile.alpine``): a Dockerfile unless
#: the suffix names another file type, and then only if its content reads as one.
_DOCKERFILE_VARIANT = re.compile(r"(?:docker|container)file\.([^/]+)", re.IGNORECASE)
#: Suffixes that make ``Dockerfile.<suffix>`` a file of another type: test data and code
#: about Dockerfiles (``dockerfile.go``, ``Dockerfile.golden``, ``Dockerfile.md``).
_OTHER_FILE_SUFFIXES = frozenset(
    (
        "bak", "bash", "c", "cfg", "conf", "css", "diff", "dockerignore", "go", "golden", "h", "html", "ini",
        "java", "js", "json", "lock", "markdown", "md", "mod", "orig", "patch", "pl", "ps1",
        "py", "rb", "rej", "rs", "rst", "sh", "snap", "sum", "svg", "swp", "toml", "ts",
        "txt", "xml", "yaml", "yml", "zip",
    )
)  # fmt: skip
_COMPOSE_NAME = re.compile(r"(?:docker-compose[^/]*|compose(?:\.[^/]+)?)\.ya?ml")
_ANSIBLE_TASK_DIRS = frozenset(("tasks", "handlers"))
_GITLAB_NAME = re.compile(r"(?:[^/]*\.)?gitlab-ci\.ya?ml|\.gitlab-ci\.ya?ml")


def parser_module(kind: str) -> ModuleType:
    return importlib.import_module(_PARSER_MODULES[kind])


def kind_from_name(path: str, *, variant_is_dockerfile: bool = False) -> str | None:
    """The kind a file's name (and for workflows, its folder) implies, if any.

    A ``Dockerfile.<variant>`` is left to its content (:func:`claim`) unless
    ``variant_is_dockerfile``: stdin has no content to sniff before its kind is known."""
    normalized = path.replace("\\", "/")
    name = posixpath.basename(normalized)
    if _DOCKERFILE_NAME.fullmatch(name):
        return "dockerfile"
    if dockerfile_variant(name) is not None:
        return "dockerfile" if variant_is_dockerfile else None
    lower = name.lower()
    if not lower.endswith(_YAML_SUFFIXES):
        return None
    parent = posixpath.dirname(normalized)
    if _COMPOSE_NAME.fullmatch(lower):
        # roles/x/tasks/docker-compose.yml is the Ansible task file that runs compose.
        return None if posixpath.basename(parent) in _ANSIBLE_TASK_DIRS else "compose"
    if _GITLAB_NAME.fullmatch(lower):
        return "gitlab-ci"
    if parent.endswith(".github/workflows"):
        return "github-actions"
    if lower in ("action.yml", "action.yaml"):
        return "github-actions"
    return None


def is_chart_template(path: str, text: str) -> bool:
    """A Helm chart's template (``templates/`` holding ``{{ }}``): Kubernetes manifests once
    rendered, whether or not it loads as YAML."""
    return "{{" in text and "templates" in path.replace("\\", "/").split("/")[:-1]


def dockerfile_variant(name: str) -> str | None:
    """The ``<variant>`` of a ``Dockerfile.<variant>`` base name whose suffix is no other
    known file type, or None."""
    match = _DOCKERFILE_VARIANT.fullmatch(name)
    if match is None:
        return None
    suffix = match.group(1)
    if suffix.rsplit(".", 1)[-1].lower() in _OTHER_FILE_SUFFIXES:
        return None
    return suffix


def is_yaml_name(path: str) -> bool:
    return path.lower().endswith(_YAML_SUFFIXES)


def kind_from_globs(path: str, globs: dict[str, str]) -> str | None:
    """Kind forced by config ``kinds:`` (glob -> kind); the first matching glob wins."""
    normalized = path.replace("\\", "/")
    for pattern, kind in globs.items():
        if fnmatch.fnmatch(normalized, pattern) or fnmatch.fnmatch(
            posixpath.basename(normalized), pattern
        ):
            return kind
    return None


#: Kinds that also read files which are not YAML by name, and the light module whose
#: ``claims(path)`` recognises them (Ansible's INI inventories: ``inventory``, ``hosts``).
#: Dockerfile.<variant> names are claimed when their first instruction is a Dockerfile one.
_CLAIMING_MODULES = {
    "dockerfile": "lintkit.parsers.dockerfile_sniff",
    "ansible": "lintkit.parsers.ansible_inventory",
}


def claim(path: str) -> str | None:
    """Kind of a file that no name rule claims and that is not YAML by name, or None."""
    for kind, module in _CLAIMING_MODULES.items():
        if importlib.import_module(module).claims(path):
            return kind
    return None


def sniff(path: str, documents: list) -> str | None:
    """Kind of an unclaimed YAML file by its content, or None."""
    for kind in SNIFF_ORDER:
        if parser_module(kind).sniff(path, documents):
            return kind
    return None


__all__ = ["KINDS", "YAML_KINDS", "claim", "is_chart_template", "kind_from_name", "kind_from_globs", "sniff", "parser_module"]
