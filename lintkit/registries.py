"""Which registries images may come from: one allow-list and one verdict for every kind.

The list is config ``allowed-registries`` (a run-wide setting), or a registry rule's own
``registries`` option where one is set. An entry is a registry host (``quay.io``,
``registry:5000``), optionally with a path prefix (``ghcr.io/acme``); ``docker.io`` stands
for Docker Hub, where references that name no registry go. References built from
variables are left alone: their registry is decided elsewhere.
"""

from __future__ import annotations

from typing import Iterator

from .model import Example, Problem, Rule, rule
from .subjects import DEFAULT_REGISTRY, subjects

#: Names Docker Hub also goes by in allow-lists.
HUB_ALIASES = frozenset(("docker.io", "index.docker.io", "registry-1.docker.io", "hub.docker.com"))

#: Why the allowed-registries rule of every kind matters (each kind's rule module says
#: where images are found).
RATIONALE = (
    "Organisations that mirror, scan or sign images want every image pulled from those "
    "registries; an image from elsewhere skips that review, and a typo-squatted public name "
    "runs whatever its owner pushed. Opt-in: list the registries in the config's "
    "`allowed-registries` (every kind) or in this rule's `registries` option."
)

REGISTRIES_OPTION = {
    "type": "object",
    "properties": {
        "registries": {
            "type": "array",
            "items": {"type": "string"},
            "default": [],
            "description": (
                "Registries images may come from (host[:port], optionally with a path prefix; "
                "docker.io is Docker Hub). Default: config `allowed-registries`."
            ),
        }
    },
    "additionalProperties": False,
}


def allow_list(ctx) -> list[str]:
    """The entries in force for a registry rule: its own option, else the config's."""
    own = ctx.options.get("registries") or ctx.settings.get("allowed_registries") or []
    return [entry.rstrip("/").lower() for entry in own]


def is_allowed(registry: str, repository: str, allowed: list[str]) -> bool:
    registry = registry.lower()
    if registry in HUB_ALIASES:
        registry = DEFAULT_REGISTRY
    location = f"{registry}/{repository.lower()}"
    for entry in allowed:
        host, slash, prefix = entry.partition("/")
        if host in HUB_ALIASES:
            entry = DEFAULT_REGISTRY + slash + prefix
        if location == entry or location.startswith(entry + "/") or (not slash and registry == entry):
            return True
    return False


def registry_problems(kind: str, view, ctx) -> Iterator[Problem]:
    """A finding on each image of ``view`` from a registry outside the allow-list; none
    until a list is configured."""
    allowed = allow_list(ctx)
    if not allowed:
        return
    for image in subjects(kind, view, "image"):
        data = image.data
        if data["has_variable"] or is_allowed(data["registry"], data["repository"], allowed):
            continue
        yield Problem(
            image.spans.get("registry", image.span),
            f"{data['context']} pulls {data['reference']} from {data['registry']}, which is not an allowed registry",
        )


def registry_rule(*, id: str, kind: str, summary: str, bad: str, good: str, filename: str,
                  name: str = "allowed-registries", aliases: tuple[str, ...] = ()) -> Rule:
    """The allowed-registries rule of one kind: the same check, option and rationale in
    every kind, with the kind's own summary and example (an allow-list of
    ``registry.acme.internal``)."""

    @rule(
        id=id, name=name, kind=kind, severity="error", summary=summary, rationale=RATIONALE,
        tags=("security",), aliases=aliases, enabled=False, options=REGISTRIES_OPTION,
        examples=(Example(bad=bad, good=good, filename=filename, options=(("registries", ["registry.acme.internal"]),)),),
    )  # fmt: skip
    def check(view, ctx):
        yield from registry_problems(kind, view, ctx)

    return check
