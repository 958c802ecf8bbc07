"""Configuration: ``.lintkit.yaml`` (or ``[tool.lintkit]`` in ``pyproject.toml``), found by
walking up from the first path, validated against ``schemas/config.schema.json``.

A mistake is a :class:`~lintkit.registry.UsageError` naming the file, the position when
it is YAML, the key and what was expected (exit code 2).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from typing import Any

from .registry import UsageError

CONFIG_NAMES = (".lintkit.yaml", ".lintkit.yml")


@dataclass
class Config:
    path: str | None = None
    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    exclude: list[str] = field(default_factory=list)
    kinds: dict[str, str] = field(default_factory=dict)
    rules: dict[str, dict[str, Any]] = field(default_factory=dict)
    fail_on: str | None = None
    kubernetes_version: str | None = None
    compose_projects: list[list[str]] = field(default_factory=list)
    #: Baseline file (relative to the config file's folder), as ``--baseline`` gives one.
    baseline: str | None = None

    def settings(self) -> dict[str, Any]:
        """Run-wide settings rules read from ``ctx.settings``; paths become relative to the
        working directory, as the paths of linted files are."""
        return {
            "kubernetes_version": self.kubernetes_version,
            "compose_projects": [
                [os.path.relpath(os.path.join(self.base, p)) for p in group] for group in self.compose_projects
            ],
        }

    @property
    def base(self) -> str:
        """Folder that relative globs in the config are relative to."""
        return os.path.dirname(os.path.abspath(self.path)) if self.path else os.getcwd()


def find_config(start: str) -> str | None:
    """The nearest config file at or above ``start``."""
    current = os.path.abspath(start if os.path.isdir(start) else os.path.dirname(start) or ".")
    while True:
        for name in CONFIG_NAMES:
            candidate = os.path.join(current, name)
            if os.path.isfile(candidate):
                return candidate
        pyproject = os.path.join(current, "pyproject.toml")
        if os.path.isfile(pyproject) and _pyproject_table(pyproject) is not None:
            return pyproject
        parent = os.path.dirname(current)
        if parent == current:
            return None
        current = parent


def _pyproject_table(path: str) -> dict | None:
    import tomllib

    try:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise UsageError(f"{path}: cannot read TOML: {exc}") from None
    return data.get("tool", {}).get("lintkit")


def load_config(path: str) -> Config:
    locate = None
    if os.path.basename(path) == "pyproject.toml":
        data = _pyproject_table(path) or {}
    else:
        data, locate = _load_yaml_config(path)
    _validate(path, data, locate)
    return Config(
        path=path,
        select=data.get("select"),
        ignore=data.get("ignore", []),
        severity=data.get("severity", {}),
        per_file_ignores=data.get("per-file-ignores", {}),
        exclude=data.get("exclude", []),
        kinds=data.get("kinds", {}),
        rules=data.get("rules", {}),
        fail_on=data.get("fail-on"),
        kubernetes_version=data.get("kubernetes-version"),
        compose_projects=data.get("compose-projects", []),
        baseline=data.get("baseline"),
    )


def _load_yaml_config(path: str):
    from .model import ParseError
    from .source import SourceFile
    from .yamlmodel import load, span_at

    try:
        with open(path, encoding="utf-8") as fh:
            source = SourceFile(path, fh.read())
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path}: cannot read: {exc}") from None
    try:
        documents = load(source)
    except ParseError as exc:
        raise UsageError(f"{path}:{exc.span.line}:{exc.span.column}: {exc.message}") from None
    root = documents[0].root if documents else None
    if root is None:
        root = {}

    def locate(json_path) -> str:
        span = span_at(root, list(json_path), key=True)
        return f"{path}:{span.line}:{span.column}" if span else path

    return root, locate


def _validate(path: str, data: Any, locate) -> None:
    import jsonschema

    with open(os.path.join(os.path.dirname(__file__), "schemas", "config.schema.json"), encoding="utf-8") as fh:
        schema = json.load(fh)
    errors = sorted(
        jsonschema.Draft202012Validator(schema).iter_errors(data), key=lambda e: list(e.absolute_path)
    )
    if not errors:
        return
    error = errors[0]
    key = ".".join(str(p) for p in error.absolute_path) or "(top level)"
    where = locate(error.absolute_path) if locate else path
    if error.validator == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        extra = sorted(set(error.instance) - set(allowed))
        key = ".".join([*(str(p) for p in error.absolute_path), extra[0]]) if extra else key
        if locate:
            where = locate([*error.absolute_path, extra[0]]) if extra else where
        expected = f"one of: {', '.join(allowed)}" if allowed else "no such key"
        raise UsageError(f"{where}: unknown key {key!r} (expected {expected})")
    raise UsageError(f"{where}: bad value for {key!r}: {error.message}")
