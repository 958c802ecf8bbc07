"""Configuration that follows the tree: a ``.lintkit.yaml`` (or ``pyproject.toml`` with
``[tool.lintkit]``) in a subfolder applies to the files below it, on top of the configs of
the folders above it, up to the run's own config (implicit inheritance, as ESLint's
cascading configs; ``root: true`` makes a config stand alone).

A nested config sets what applies per file: ``select`` (replaces the inherited one),
``ignore`` (adds to it), ``severity`` and ``rules`` (merged per rule, the deeper config
winning), ``per-file-ignores`` (patterns relative to its own folder). What applies to a
whole run (``exclude``, ``kinds``, ``fail-on``, ``kubernetes-version``,
``compose-projects``, ``output-format``, ``reports``, ``render-helm``) is set in the run's
config only; a nested config that sets it is a usage error. ``--config`` and
``--isolated`` turn nested configs off.

Files that share their configs are linted in one engine run each; project rules (compose
projects, Ansible roles) see the files of one such group at a time.
"""

from __future__ import annotations

import os
from dataclasses import replace

from .config import Config, config_in, load_config
from .registry import Selection, UsageError, check_selectors

#: Config attributes that apply to a whole run, with the key that sets each.
RUN_WIDE = {
    "exclude": "exclude", "kinds": "kinds", "fail_on": "fail-on", "kubernetes_version": "kubernetes-version",
    "compose_projects": "compose-projects", "output_format": "output-format", "reports": "reports",
    "render_helm": "render-helm",
}  # fmt: skip


def find_run_config(start: str) -> str | None:
    """The run's config: the nearest config at or above ``start``, or rather the outermost
    of the configs above it that it builds on (up to one with ``root: true``), so that
    linting ``deploy/`` applies the same configs as linting ``.`` does to it."""
    from .config import find_config

    found = find_config(start)
    while found is not None and not load_config(found).root:
        above = os.path.dirname(os.path.dirname(os.path.abspath(found)))
        outer = find_config(above) if above != os.path.dirname(os.path.abspath(found)) else None
        if outer is None:
            break
        found = outer
    return found


class ConfigTree:
    """The nested configs that apply to each file: those in the folders between it and
    the run's config (without one, the working folder)."""

    def __init__(self, main: Config) -> None:
        self.main = main
        # Without a run config, nested ones are looked for below the working folder only:
        # nothing above the project is read on a linted file's behalf.
        self.top = os.path.dirname(os.path.abspath(main.path)) if main.path else os.getcwd()
        self._folders: dict[str, tuple[Config, ...]] = {}
        self._loaded: dict[str, Config] = {}

    def layers(self, path: str) -> tuple[Config, ...]:
        """The nested configs of ``path``, outermost first."""
        return self._layers_of(os.path.dirname(os.path.abspath(path)))

    def _layers_of(self, folder: str) -> tuple[Config, ...]:
        if folder in self._folders:
            return self._folders[folder]
        parent = os.path.dirname(folder)
        if folder == self.top or parent == folder or not folder.startswith(os.path.join(self.top, "")):
            layers: tuple[Config, ...] = ()
        else:
            found = config_in(folder)
            config = self._load(found) if found else None
            if config is not None and config.root:
                layers = (config,)
            else:
                layers = self._layers_of(parent) + ((config,) if config is not None else ())
        self._folders[folder] = layers
        return layers

    def _load(self, path: str) -> Config:
        if path not in self._loaded:
            config = load_config(path)
            for attribute, key in RUN_WIDE.items():
                if getattr(config, attribute) != getattr(Config(), attribute):
                    where = self.main.path or "the configuration of the folder lintkit runs from"
                    raise UsageError(f"{path}: {key!r} applies to the whole run: set it in {where}")
            for key, selectors in (("select", config.select or []), ("ignore", config.ignore),
                                   *((f"per-file-ignores.{p}", s) for p, s in config.per_file_ignores.items())):
                check_selectors(selectors, f"{path}: {key}")
            self._loaded[path] = config
        return self._loaded[path]


def merged(main: Config, layers: tuple[Config, ...]) -> Config:
    """``main`` with ``layers`` applied in order (a ``root: true`` layer starts afresh)."""
    result = main
    for layer in layers:
        base = Config(path=main.path) if layer.root else result
        rules = {key: dict(options) for key, options in base.rules.items()}
        for key, options in layer.rules.items():
            rules[key] = {**rules.get(key, {}), **options}
        result = replace(
            base,
            select=layer.select if layer.select is not None else base.select,
            ignore=[*base.ignore, *layer.ignore],
            severity={**base.severity, **layer.severity},
            rules=rules,
            per_file_ignores={
                **base.per_file_ignores,
                **{rebase(pattern, layer.base, main.base): s for pattern, s in layer.per_file_ignores.items()},
            },
        )
    return result


def rebase(pattern: str, folder: str, base: str) -> str:
    """A gitignore-style pattern written relative to ``folder``, relative to ``base``
    instead (``folder`` lies below ``base``): ``legacy`` -> ``deploy/**/legacy``,
    ``/x.yaml`` and ``k8s/*.yaml`` -> ``/deploy/x.yaml``, ``/deploy/k8s/*.yaml``."""
    prefix = os.path.relpath(folder, base).replace(os.sep, "/")
    if prefix == ".":
        return pattern
    if prefix.startswith("../"):
        raise UsageError(f"{folder}: a nested config outside {base} cannot set per-file-ignores")
    negated = pattern.startswith("!")
    body = pattern[1:] if negated else pattern
    if body.startswith("/"):
        rebased = f"/{prefix}{body}"
    elif "/" in body.rstrip("/"):
        rebased = f"/{prefix}/{body}"
    else:
        rebased = f"/{prefix}/**/{body}"
    return ("!" if negated else "") + rebased


def run(targets, options, main: Config, select: tuple[str, ...], ignore: tuple[str, ...], nested: bool):
    """``engine.run`` over ``targets``: once, or once per group of files that share their
    nested configs, with the results joined as one run's."""
    from . import engine

    if not nested:
        return engine.run(targets, options)
    tree = ConfigTree(main)
    groups: dict[tuple[str, ...], list] = {}
    layers_of: dict[tuple[str, ...], tuple[Config, ...]] = {}
    for target in targets:
        layers = tree.layers(target.path) if target.path not in options.texts else ()
        key = tuple(layer.path for layer in layers)
        groups.setdefault(key, []).append(target)
        layers_of[key] = layers
    if set(groups) <= {()}:
        return engine.run(targets, options)
    from .cli import _check_rule_settings

    results = []
    done = 0
    for key, group in groups.items():
        config = merged(main, layers_of[key])
        _check_rule_settings(config)
        progress = options.progress
        group_options = replace(
            options,
            selection=Selection(list(select) or config.select, [*config.ignore, *ignore]),
            severity_overrides=config.severity,
            rule_options=config.rules,
            per_file_ignores=config.per_file_ignores,
            progress=(lambda count, before=done: progress(before + count)) if progress else None,
        )
        results.append(engine.run(group, group_options))
        done += len(group)
    return _joined(results)


def _joined(results):
    from collections import Counter

    from .engine import RunResult
    from .model import Finding

    first, *rest = results
    joined = RunResult([], {}, Counter(), [], [], [], [])
    for result in (first, *rest):
        joined.findings.extend(result.findings)
        joined.rules.update(result.rules)
        joined.files.update(result.files)
        joined.skipped.extend(result.skipped)
        joined.errors.extend(result.errors)
        joined.suppressed.extend(result.suppressed)
        joined.paths.extend(result.paths)
    joined.findings.sort(key=Finding.sort_key)
    joined.suppressed.sort(key=Finding.sort_key)
    return joined
