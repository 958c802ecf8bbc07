"""Ansible inventories, INI and YAML, as groups, hosts and the variables they set.

An INI inventory (``inventory``, ``hosts``, ``production.ini``) is a list of sections:
``[group]`` lists hosts, each optionally followed by ``key=value`` variables;
``[group:vars]`` sets ``key=value`` for the group; ``[group:children]`` lists groups.
Host lines before the first section belong to ``ungrouped``. A YAML inventory is the same
tree written as nested ``hosts:``/``children:``/``vars:`` mappings.

Only what the rules need is kept: every variable with the position of its name and of
its value, so that a literal password in an inventory is reported at its value.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from typing import Any

from .. import workspace
from ..model import Span
from ..source import SourceFile

_SECTION = re.compile(r"\[([^\]\s:]+)(?::(vars|children))?\]\s*(?:[#;].*)?$")
_INI_NAMES = frozenset(("inventory", "hosts", "inventory.ini", "hosts.ini"))
_INVENTORY_DIRS = frozenset(("inventory", "inventories"))
_VARS_DIRS = frozenset(("group_vars", "host_vars"))
#: Files beside which an INI-looking ``hosts`` file is an Ansible inventory.
_ANSIBLE_NEIGHBOURS = frozenset(("ansible.cfg", "group_vars", "host_vars", "roles", "site.yml", "site.yaml"))


@dataclass
class Group:
    name: str
    span: Span
    hosts: list[str] = field(default_factory=list)
    children: list[str] = field(default_factory=list)


@dataclass
class Inventory:
    groups: dict[str, Group] = field(default_factory=dict)
    #: Every variable set for a host or a group (lintkit.parsers.ansible.VarDef).
    var_defs: list[Any] = field(default_factory=list)


def looks_like_ini(text: str) -> bool:
    """INI rather than YAML: a ``[section]`` header, or a first line that is neither a
    YAML key nor a document marker."""
    first = None
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith(("#", ";")):
            continue
        if _SECTION.match(stripped):
            return True
        if first is None:
            first = stripped
    if first is None:
        return False
    return not (first.startswith(("---", "%", "-")) or first.endswith(":") or ": " in first)


def _var_def(name: str, value: Any, key_span: Span, value_span: Span):
    from .ansible import VarDef

    return VarDef(name, value, key_span, value_span, "inventory")


def _ini_value(text: str) -> Any:
    """A variable's value as Ansible's INI parser reads it: quotes removed, numbers and
    booleans as themselves (it evaluates Python literals), everything else a string."""
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        return text[1:-1]
    lowered = text.lower()
    if lowered in ("true", "false"):
        return lowered == "true"
    try:
        return int(text)
    except ValueError:
        return text


def _words(line: str) -> list[tuple[int, int]]:
    """Whitespace-separated words of a host line, quotes kept together, up to a comment."""
    words = []
    start = None
    quote = None
    for i, char in enumerate(line):
        if quote:
            if char == quote:
                quote = None
            continue
        if char in "'\"":
            quote = char
            start = i if start is None else start
        elif char == "#" and start is None:
            break
        elif char.isspace():
            if start is not None:
                words.append((start, i))
                start = None
        elif start is None:
            start = i
    if start is not None:
        words.append((start, len(line)))
    return words


def parse_ini(source: SourceFile) -> Inventory:
    inventory = Inventory()
    group = Group("ungrouped", Span.point(1))
    section = "hosts"
    for number, line in enumerate(source.lines, start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith(("#", ";")):
            continue
        indent = len(line) - len(line.lstrip())
        if stripped.startswith("["):
            match = _SECTION.match(stripped)
            if match:
                name = match.group(1)
                section = match.group(2) or "hosts"
                span = Span(number, indent + 2, number, indent + 2 + len(name))
                group = inventory.groups.setdefault(name, Group(name, span))
                continue
        if section == "vars":
            key, equals, value = line.partition("=")
            if not equals:
                continue
            name = key.strip()
            key_start = line.index(name) + 1 if name else indent + 1
            value_text = value.strip()
            value_start = len(key) + 1 + (len(value) - len(value.lstrip())) + 1
            inventory.var_defs.append(_var_def(
                name, _ini_value(value_text),
                Span(number, key_start, number, key_start + len(name)),
                Span(number, value_start, number, value_start + len(value_text)),
            ))  # fmt: skip
        elif section == "children":
            group.children.append(stripped.split()[0])
        else:
            words = _words(line)
            if not words:
                continue
            host_start, host_end = words[0]
            group.hosts.append(line[host_start:host_end])
            inventory.groups.setdefault(group.name, group)
            for start, end in words[1:]:
                word = line[start:end]
                name, equals, value = word.partition("=")
                if not equals:
                    continue
                value_start = start + len(name) + 1
                inventory.var_defs.append(_var_def(
                    name, _ini_value(value),
                    Span(number, start + 1, number, start + 1 + len(name)),
                    Span(number, value_start + 1, number, end + 1),
                ))  # fmt: skip
    return inventory


def from_yaml(root) -> Inventory:
    """The inventory a YAML group tree (a YMap: ``all: {hosts:, children:, vars:}``)
    describes."""
    from ..yamlmodel import YMap  # imported here: claims() must stay light for discovery

    inventory = Inventory()

    def visit_group(name: str, node, span: Span) -> None:
        group = inventory.groups.setdefault(name, Group(name, span))
        hosts = node.get("hosts")
        if isinstance(hosts, YMap):
            for host, host_vars in hosts.items():
                group.hosts.append(str(host))
                if isinstance(host_vars, YMap):
                    _mapping_defs(host_vars)
        group_vars = node.get("vars")
        if isinstance(group_vars, YMap):
            _mapping_defs(group_vars)
        children = node.get("children")
        if isinstance(children, YMap):
            for child, child_node in children.items():
                group.children.append(str(child))
                if isinstance(child_node, YMap):
                    visit_group(str(child), child_node, children.key_span(child))

    def _mapping_defs(mapping) -> None:
        for key, value in mapping.items():
            inventory.var_defs.append(_var_def(key, value, mapping.key_span(key), mapping.value_span(key)))

    for name, node in root.items():
        if isinstance(node, YMap):
            visit_group(str(name), node, root.key_span(name))
    return inventory


def claims(path: str) -> bool:
    """Whether a file that is not YAML by its name is an Ansible inventory: named
    ``inventory``/``hosts`` (``.ini``), or an INI or extension-less file in an
    ``inventory/``/``inventories/`` folder. A ``hosts`` file is also checked to read
    like an inventory (an ``/etc/hosts`` file does not: its words are not ``k=v``)."""
    normalized = path.replace("\\", "/")
    parts = normalized.split("/")
    name = parts[-1].lower()
    folders = set(parts[:-1])
    stem, ext = os.path.splitext(name)
    if folders & _VARS_DIRS:
        return False
    in_inventory_dir = bool(folders & _INVENTORY_DIRS) and ext in ("", ".ini")
    if name not in _INI_NAMES and not in_inventory_dir:
        return False
    if name.startswith("hosts") and not in_inventory_dir:
        if not _ANSIBLE_NEIGHBOURS.intersection(workspace.listdir(os.path.dirname(path))):
            return False
    return _reads_like_ini_inventory(path)


def _reads_like_ini_inventory(path: str) -> bool:
    from .. import files

    try:
        text = files.read_regular(path, 65536, truncate=True).decode("utf-8", errors="replace")
    except files.Unreadable:
        return False
    if not looks_like_ini(text):
        return False
    section = "hosts"
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith(("#", ";")):
            continue
        match = _SECTION.match(stripped)
        if match:
            section = match.group(2) or "hosts"
            continue
        if section == "hosts":
            words = [line[a:b] for a, b in _words(line)]
            if any("=" not in word for word in words[1:]):
                return False
    return True
