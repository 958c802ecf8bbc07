"""RBAC roles and bindings as picklable facts, and the matching of a role's rules against
a permission, the way the API server's authorizer does it ("*" wildcards, "*/sub"
subresources). Several project rules share the facts of a file."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from lintkit.model import Facts, Span
from lintkit.parsers.kubernetes import items_of, mapping

ROLE_KINDS = ("Role", "ClusterRole")
BINDING_KINDS = ("RoleBinding", "ClusterRoleBinding")


class RbacRule(NamedTuple):
    groups: tuple[str, ...]
    #: Each resource with the span of its list item.
    resources: tuple[tuple[str, Span], ...]
    verbs: tuple[str, ...]
    named_only: bool  # restricted to resourceNames


class RoleFacts(NamedTuple):
    kind: str
    name: str
    namespace: str | None
    rules: tuple[RbacRule, ...]
    name_span: Span


class BindingFacts(NamedTuple):
    kind: str
    name: str
    namespace: str | None
    role_kind: str
    role_name: str
    role_span: Span
    #: (kind, name) of each subject.
    subjects: tuple[tuple[str, str], ...]

    @property
    def label(self) -> str:
        return f"{self.kind}/{self.name}"

    def subjects_text(self) -> str:
        return ", ".join(f"{kind} {name}" for kind, name in self.subjects) or "no subject"


class RbacFacts(NamedTuple):
    roles: tuple[RoleFacts, ...]
    bindings: tuple[BindingFacts, ...]


def _strings(value) -> tuple[str, ...]:
    return tuple(str(v) for v in value) if isinstance(value, list) else ()


def collect(manifest, ctx) -> RbacFacts | None:
    return facts(manifest)


#: The facts of the RBAC project rules: each file's roles and bindings.
FACTS = Facts("kubernetes.rbac", collect)


def facts(manifest) -> RbacFacts | None:
    """The roles and bindings of one file (None when it has neither)."""
    if "rbac" in manifest.derived:
        return manifest.derived["rbac"]
    roles, bindings = [], []
    for obj in manifest.of_kind(*ROLE_KINDS):
        entries = []
        for entry in items_of(obj.node.get("rules")):
            resources = entry.get("resources")
            spans = (
                tuple((str(r), resources.item_span(i)) for i, r in enumerate(resources))
                if isinstance(resources, list)
                else ()
            )
            entries.append(
                RbacRule(
                    _strings(entry.get("apiGroups")),
                    spans,
                    _strings(entry.get("verbs")),
                    bool(entry.get("resourceNames")),
                )
            )
        roles.append(RoleFacts(obj.kind, obj.name, obj.namespace, tuple(entries), obj.name_span()))
    for obj in manifest.of_kind(*BINDING_KINDS):
        ref = mapping(obj.node.get("roleRef"))
        if ref is None or not isinstance(ref.get("name"), str):
            continue
        subjects = tuple((str(s.get("kind")), str(s.get("name"))) for s in items_of(obj.node.get("subjects")))
        bindings.append(
            BindingFacts(
                obj.kind, obj.name, obj.namespace, str(ref.get("kind")), ref["name"], ref.value_span("name"), subjects
            )
        )
    found = RbacFacts(tuple(roles), tuple(bindings)) if roles or bindings else None
    manifest.derived["rbac"] = found
    return found


@dataclass(frozen=True)
class Permission:
    """Verbs on resources of API groups; ``verbs=None`` means any verb."""

    verbs: frozenset[str] | None
    resources: frozenset[str]
    groups: frozenset[str]
    #: Cluster-scoped resources: only a ClusterRole can grant them.
    cluster_scoped: bool = False
    #: A rule limited by resourceNames does not grant this (e.g. "read any Secret").
    any_name_only: bool = False


def permission(verbs: str | None, resources: str, groups: str = "", *, cluster_scoped=False, any_name_only=False):
    return Permission(
        frozenset(verbs.split()) if verbs else None,
        frozenset(resources.split()),
        frozenset("" if g == '""' else g for g in groups.split()) if groups else frozenset(("",)),
        cluster_scoped,
        any_name_only,
    )


def granted_at(role: RoleFacts, wanted: Permission) -> Span | None:
    """Where ``role`` grants ``wanted`` (the resource item), or None."""
    if wanted.cluster_scoped and role.kind != "ClusterRole":
        return None
    for entry in role.rules:
        if wanted.any_name_only and entry.named_only:
            continue
        if not ("*" in entry.groups or wanted.groups.intersection(entry.groups)):
            continue
        if wanted.verbs is not None and not ("*" in entry.verbs or wanted.verbs.intersection(entry.verbs)):
            continue
        for resource, span in entry.resources:
            if _resource_matches(resource, wanted.resources):
                return span
    return None


def _resource_matches(granted: str, wanted: frozenset[str]) -> bool:
    if granted == "*" or granted in wanted:
        return True
    if granted.startswith("*/"):
        return any(w.partition("/")[2] == granted[2:] for w in wanted if "/" in w)
    return False


def index_roles(facts_by_path: dict) -> dict[tuple[str, str], list[tuple[str, RoleFacts]]]:
    """(kind, name) -> [(path, role)] over every file of the run."""
    index: dict[tuple[str, str], list[tuple[str, RoleFacts]]] = {}
    for path, found in facts_by_path.items():
        for role in found.roles:
            index.setdefault((role.kind, role.name), []).append((path, role))
    return index


def resolve(binding: BindingFacts, index) -> list[tuple[str, RoleFacts]]:
    """The role a binding refers to (a Role must be in the binding's namespace)."""
    candidates = index.get((binding.role_kind, binding.role_name), [])
    if binding.role_kind == "Role":
        candidates = [
            (p, r)
            for p, r in candidates
            if r.namespace is None or binding.namespace is None or r.namespace == binding.namespace
        ]
    return candidates
