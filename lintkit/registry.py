"""Rules and reporters from every plugin, and the selectors that pick rules.

A selector (``--select``, ``--ignore``, config, suppression comments) is any of: a rule id
(``DF008``) or id prefix (``DF``, ``DF0``), a rule name (``apt-pin-versions``), an alias
from another tool (``DL3008``, ``CKV_K8S_14``, ``ansible-lint:name`` also covering
``ansible-lint:name[missing]``), a kind (``kubernetes``), a tag (``security``) or ``ALL``.
"""

from __future__ import annotations

import importlib
import os
import sys
from functools import cache

from .model import KINDS, TAGS, Rule
from .engine_rules import ENGINE_RULES


class UsageError(Exception):
    """A mistake in the command line or the configuration (exit code 2)."""


PLUGIN_GROUP = "lintkit.plugins"


def declared_plugins(group: str) -> list[tuple[str, str]]:
    """(name, object reference) of each entry point of ``group``, from the
    ``entry_points.txt`` of the distributions installed in the folders of
    :func:`installation_folders`, first folder first.

    This is what importlib.metadata finds for an installed or editable package, read
    directly: importing importlib.metadata (its email parsers) costs 30-50 ms, a sixth of a
    one-file run from a pre-commit hook.
    """
    found = []
    for folder in installation_folders():
        try:
            names = os.listdir(folder)
        except OSError:
            continue
        for name in sorted(names):
            if name.endswith((".dist-info", ".egg-info")):
                found.extend(_entry_points(os.path.join(folder, name, "entry_points.txt"), group))
    return found


def installation_folders() -> list[str]:
    """The folders of ``sys.path`` that hold installed distributions: every one but the
    working directory.

    ``python -m lintkit`` and ``python -c`` put the working directory (as ``''`` or its
    path) on ``sys.path``, and the working directory is the repository being linted: an
    ``evil.egg-info/entry_points.txt`` there naming a ``lintkit.plugins`` entry would be
    imported. Code from the linted tree is never imported, so plugins come only from
    where packages are installed.
    """
    cwd = os.path.realpath(os.getcwd())
    return [folder for folder in sys.path if folder and os.path.realpath(folder) != cwd]


def _installed_entry_points(group: str) -> list:
    """Entry points of ``group`` through importlib.metadata (for distributions the direct
    scan cannot read, such as zipped ones), from the installation folders only."""
    from importlib import metadata

    found, seen = [], set()
    for distribution in metadata.distributions(path=installation_folders()):
        for entry_point in distribution.entry_points.select(group=group):
            if entry_point.name not in seen:
                seen.add(entry_point.name)
                found.append(entry_point)
    return found


def _entry_points(path: str, group: str) -> list[tuple[str, str]]:
    """The entry points of ``group`` in one ``entry_points.txt`` (INI: ``[group]`` then
    ``name = module:attribute [extras]`` lines)."""
    try:
        with open(path, encoding="utf-8") as fh:
            lines = fh.read().splitlines()
    except OSError:
        return []
    entries, section = [], None
    for line in lines:
        line = line.strip()
        if line.startswith("["):
            section = line.strip("[]").strip()
        elif section == group and "=" in line and not line.startswith(("#", ";")):
            name, _, value = line.partition("=")
            entries.append((name.strip(), value.split("[")[0].strip()))
    return entries


def _load(reference: str):
    """The object an entry point names: ``module`` or ``module:attribute.path``."""
    module, _, attributes = reference.partition(":")
    found = importlib.import_module(module.strip())
    for attribute in filter(None, attributes.strip().split(".")):
        found = getattr(found, attribute)
    return found


@cache
def plugin_manager():
    import pluggy

    from . import hookspecs

    pm = pluggy.PluginManager(hookspecs.PROJECT)
    pm.add_hookspecs(hookspecs)
    try:
        declared = declared_plugins(PLUGIN_GROUP)
        if declared:
            for name, reference in declared:
                if pm.get_plugin(name) is None:
                    pm.register(_load(reference), name=name)
        else:  # distributions this scan cannot see (zipped, custom finders): ask the stdlib
            for entry_point in _installed_entry_points(PLUGIN_GROUP):
                if pm.get_plugin(entry_point.name) is None:
                    pm.register(entry_point.load(), name=entry_point.name)
    except ImportError as exc:
        # Typically `python -m lintkit` inside a checkout of lintkit with a non-editable
        # install: the checkout's lintkit/ shadows the installed one, which has the rules.
        raise UsageError(
            f"a lintkit plugin could not be imported ({exc}); if this is a lintkit source "
            "checkout, run the installed `lintkit` command or `pip install -e .`"
        ) from None
    if not pm.get_plugins():
        raise UsageError(
            "no lintkit plugins are installed, not even the built-in rules "
            "(run lintkit from an installed package: pip install .)"
        )
    return pm


def register_extra_plugin(plugin, name: str) -> None:
    """Add a plugin that no entry point declares (the run's policies) to this process's
    registry, in place of an earlier one of that name; the rule lists are recomputed."""
    pm = plugin_manager()
    if pm.get_plugin(name) is not None:
        pm.unregister(name=name)
    pm.register(plugin, name=name)
    rules_for_kind.cache_clear()
    _rule_origins.cache_clear()


def unregister_extra_plugin(name: str) -> None:
    """Undo :func:`register_extra_plugin` (for a process that runs several checks: tests)."""
    pm = plugin_manager()
    if pm.get_plugin(name) is not None:
        pm.unregister(name=name)
        rules_for_kind.cache_clear()
        _rule_origins.cache_clear()


@cache
def rules_for_kind(kind: str) -> tuple[Rule, ...]:
    rules: list[Rule] = []
    origins: dict[str, str] = {}
    for r, origin in _provided(kind):
        if r.kind != kind:
            raise UsageError(f"plugin rule {r.id} declares kind {r.kind!r} but was given for {kind!r}")
        if r.id in origins:
            raise UsageError(f"rule id {r.id} is defined twice: by {origins[r.id]} and by {origin}")
        origins[r.id] = origin
        rules.append(r)
    return tuple(sorted(rules, key=lambda r: r.id))


def _provided(kind: str) -> list[tuple[Rule, str]]:
    """(rule, where it comes from) of every plugin's rules for ``kind``."""
    found = []
    hook = plugin_manager().hook.lintkit_rules
    for impl in reversed(hook.get_hookimpls()):  # in registration order
        for r in impl.function(kind=kind) or ():
            found.append((r, r.origin or _package_of(impl.plugin_name, impl.plugin)))
    return found


def _package_of(plugin_name: str, plugin) -> str:
    module = getattr(plugin, "__name__", None) or type(plugin).__module__
    return f"plugin {plugin_name!r} ({module})"


@cache
def _rule_origins() -> dict[str, str]:
    """Rule id -> where it comes from; an id two plugins (or a plugin and lintkit) both
    define is an error naming both."""
    origins: dict[str, str] = {r.id: "lintkit's engine" for r in ENGINE_RULES}
    for kind in KINDS:
        for r, origin in _provided(kind):
            if r.id in origins and origins[r.id] != origin:
                raise UsageError(f"rule id {r.id} is defined twice: by {origins[r.id]} and by {origin}")
            origins[r.id] = origin
    return origins


def all_rules() -> tuple[Rule, ...]:
    """Every rule once: a rule given for several kinds (a policy) is listed once."""
    _rule_origins()
    rules = list(ENGINE_RULES)
    seen = {r.id for r in rules}
    for kind in KINDS:
        for r in rules_for_kind(kind):
            if r.id not in seen:
                seen.add(r.id)
                rules.append(r)
    return tuple(rules)


def reporters() -> dict[str, str]:
    found: dict[str, str] = {}
    for provided in reversed(plugin_manager().hook.lintkit_reporters()):
        found.update(provided or {})
    return found


def load_reporter(spec: str):
    """The render function named by a ``"module:function"`` string."""
    module, _, function = spec.partition(":")
    return getattr(importlib.import_module(module), function)


def find_rule(key: str) -> Rule | None:
    """A rule by id, name or (first match) alias."""
    lowered = key.lower()
    rules = all_rules()
    for r in rules:
        if r.id.lower() == lowered or r.name == lowered:
            return r
    for r in rules:
        if any(alias_matches(key, a) for a in r.aliases):
            return r
    return None


def alias_matches(selector: str, alias: str) -> bool:
    selector = selector.lower()
    alias = alias.lower()
    return alias == selector or alias.startswith(selector + "[")


def identifies(selector: str, rule: Rule) -> bool:
    """Selector names this rule specifically (id, name or alias): what suppression
    comments accept."""
    lowered = selector.lower()
    if lowered == rule.id.lower() or lowered == rule.name:
        return True
    return any(alias_matches(selector, a) for a in rule.aliases)


def matches(selector: str, rule: Rule) -> bool:
    """Selector picks this rule (``--select``/``--ignore``/config)."""
    if selector.upper() == "ALL":
        return True
    if identifies(selector, rule):
        return True
    lowered = selector.lower()
    if lowered == rule.kind or lowered in rule.tags:
        return True
    return selector.isalnum() and rule.id.upper().startswith(selector.upper()) and len(selector) >= 2


def is_known_selector(selector: str) -> bool:
    if selector.upper() == "ALL" or selector.lower() in KINDS or selector.lower() in TAGS:
        return True
    return any(matches(selector, r) for r in all_rules())


def check_selectors(selectors, origin: str) -> None:
    unknown = [s for s in selectors if not is_known_selector(s)]
    if unknown:
        raise UsageError(
            f"{origin}: unknown rule selector(s) {', '.join(map(repr, unknown))} "
            "(expected rule ids, names, aliases, kinds, tags or ALL; see `lintkit rules`)"
        )


class Selection:
    """Which rules run: the default set (or ``select``), minus ``ignore``.

    Rules that are off by default run only when selected with ``ALL`` or by their own id,
    name or alias, so ``--select kubernetes`` means the Kubernetes rules a user gets by
    default, not every opinion lintkit can voice about a manifest.
    """

    def __init__(self, select: list[str] | None, ignore: list[str]):
        self.select = select
        self.ignore = ignore

    def includes(self, rule: Rule) -> bool:
        if any(matches(s, rule) for s in self.ignore):
            # Engine rules such as parse-error leave only when named, not with a kind or tag.
            if rule.kind is not None or any(identifies(s, rule) for s in self.ignore):
                return False
        if self.select is None or (rule.kind is None and rule.enabled):
            return rule.enabled
        # ALL and a rule's own id, name or alias turn on rules that are off by default;
        # broad selectors (a kind, a tag, an id prefix) pick from the default set.
        return any(
            s.upper() == "ALL" or identifies(s, rule) or (rule.enabled and matches(s, rule))
            for s in self.select
        )

    def rules_for(self, kind: str) -> list[Rule]:
        return [r for r in rules_for_kind(kind) if self.includes(r)]

    def engine_rules(self) -> list[Rule]:
        return [r for r in ENGINE_RULES if self.includes(r)]
