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
    #: Registries images may come from, in every kind (lintkit/registries.py).
    allowed_registries: list[str] = field(default_factory=list)
    #: Policy files and folders, relative to the config file.
    policies: list[str] = field(default_factory=list)
    #: Bytes, or a size such as "50MB" (lintkit.files.parse_size); None: the default.
    max_file_size: int | str | None = None
    output_format: str | None = None
    #: ``FORMAT=FILE`` reports written beside the main one (files relative to the config).
    reports: list[str] = field(default_factory=list)
    render_helm: bool = False
    #: Stop here: a config in a subfolder does not build on the configs above it.
    root: bool = False
    #: Baseline file (relative to the config file's folder), as ``--baseline`` gives one.
    baseline: str | None = None

    def settings(self) -> dict[str, Any]:
        """Run-wide settings rules read from ``ctx.settings``; paths become relative to the
        working directory, as the paths of linted files are."""
        return {
            "kubernetes_version": self.kubernetes_version,
            "allowed_registries": self.allowed_registries,
            "compose_projects": [
                [os.path.relpath(os.path.join(self.base, p)) for p in group] for group in self.compose_projects
            ],
        }

    def policy_paths(self) -> list[str]:
        return [os.path.join(self.base, p) for p in self.policies]

    @property
    def base(self) -> str:
        """Folder that relative globs in the config are relative to."""
        return os.path.dirname(os.path.abspath(self.path)) if self.path else os.getcwd()


def find_config(start: str) -> str | None:
    """The nearest config file at or above ``start``. One that is a symbolic link out of
    its folder is refused: a pull request could link ``.lintkit.yaml`` to a file of the
    machine, whose text an error message would then quote."""
    current = os.path.abspath(start if os.path.isdir(start) else os.path.dirname(start) or ".")
    while True:
        found = config_in(current)
        if found:
            return found
        parent = os.path.dirname(current)
        if parent == current:
            return None
        current = parent


def _own(path: str) -> str:
    folder = os.path.realpath(os.path.dirname(path))
    if not os.path.realpath(path).startswith(folder.rstrip(os.sep) + os.sep):
        raise UsageError(f"{path}: a symbolic link leading out of its folder; not read (give it with --config to use it)")
    return path


def config_in(folder: str) -> str | None:
    """The config file of ``folder`` itself, if it has one (a link out of the folder is
    refused: a schema error would quote the file it points at)."""
    for name in CONFIG_NAMES:
        candidate = os.path.join(folder, name)
        if os.path.isfile(candidate):
            return _own(candidate)
    pyproject = os.path.join(folder, "pyproject.toml")
    if os.path.isfile(pyproject) and _pyproject_table(_own(pyproject)) is not None:
        return pyproject
    return None


def _pyproject_table(path: str) -> dict | None:
    import tomllib

    from . import files

    try:
        data = tomllib.loads(files.read_regular(path, files.DEFAULT_MAX_FILE_SIZE).decode("utf-8"))
    except files.Unreadable as exc:
        raise UsageError(f"{path}: cannot read: {exc.reason}") from None
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
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
        policies=data.get("policies", []),
        allowed_registries=data.get("allowed-registries", []),
        max_file_size=data.get("max-file-size"),
        output_format=data.get("output-format"),
        reports=data.get("reports", []),
        render_helm=data.get("render-helm", False),
        root=data.get("root", False),
        baseline=data.get("baseline"),
    )


def _load_yaml_config(path: str):
    from .model import ParseError
    from .source import SourceFile
    from .yamlmodel import load, span_at

    from . import files

    try:
        source = SourceFile(path, files.read_regular(path, files.DEFAULT_MAX_FILE_SIZE).decode("utf-8"))
    except files.Unreadable as exc:
        raise UsageError(f"{path}: cannot read: {exc.reason}") from None
    except UnicodeDecodeError as exc:
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
