"""docker-compose files: services, networks, volumes, secrets and configs, and whether the
file is in the retired v1 format (services at the top level, no ``services:`` key)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from ..model import Span
from ..source import SourceFile
from ..yamlmodel import YamlDocument, YMap

#: Keys only a service definition has, used to recognise services (v1 files included).
SERVICE_KEYS = frozenset(("image", "build", "command", "ports", "environment", "volumes", "depends_on"))
TOP_LEVEL_KEYS = frozenset(("version", "name", "services", "networks", "volumes", "secrets", "configs", "include"))


def sniff(path: str, documents: list[YamlDocument]) -> bool:
    if len(documents) != 1 or not isinstance(documents[0].root, YMap):
        return False
    services = documents[0].root.get("services")
    return isinstance(services, YMap) and any(
        isinstance(s, YMap) and ("image" in s or "build" in s) for s in services.values()
    )


@dataclass(eq=False)
class Service:
    name: str
    node: YMap
    #: The mapping holding the service (``services:`` or, in v1 files, the root).
    parent: YMap

    @property
    def span(self) -> Span:
        return self.node.span

    def name_span(self) -> Span:
        return self.parent.key_span(self.name)


@dataclass(eq=False)
class ComposeFile:
    source: SourceFile
    documents: list[YamlDocument]
    root: YMap
    #: True for the v1 format: services at the top level, no ``services:`` key.
    legacy_v1: bool

    @property
    def services(self) -> list[Service]:
        holder = self.root if self.legacy_v1 else self.root.get("services")
        if not isinstance(holder, YMap):
            return []
        return [Service(name, node, holder) for name, node in holder.items() if isinstance(node, YMap)]

    def section(self, name: str) -> YMap:
        """A top-level ``networks``/``volumes``/``secrets``/``configs`` mapping (empty if absent)."""
        value = self.root.get(name) if not self.legacy_v1 else None
        return value if isinstance(value, YMap) else YMap()

    def service_items(self, key: str) -> Iterator[tuple[Service, object]]:
        for service in self.services:
            if key in service.node:
                yield service, service.node[key]

    def suppression_scopes(self) -> list[Span]:
        return [s.span for s in self.services]


def parse(source: SourceFile, documents: list[YamlDocument]) -> ComposeFile:
    root = documents[0].root if documents and isinstance(documents[0].root, YMap) else YMap()
    legacy = "services" not in root and bool(root) and all(
        isinstance(v, YMap) and SERVICE_KEYS.intersection(v) for k, v in root.items() if k not in TOP_LEVEL_KEYS
    ) and any(k not in TOP_LEVEL_KEYS for k in root)
    return ComposeFile(source, documents, root, legacy)
