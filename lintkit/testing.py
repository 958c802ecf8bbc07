"""Linting snippets in tests, for lintkit's own suite and for plugin authors.

``lint_files({"Dockerfile": "FROM ubuntu\n"}, select=["DF001"])`` writes the files to a
temporary folder, runs the real engine over it (discovery, kind detection, parsing, rules,
suppression) and returns the findings with paths relative to that folder.
"""

from __future__ import annotations

import os
import tempfile

from .model import Example, Finding, Rule

DEFAULT_FILENAMES = {
    "dockerfile": "Dockerfile",
    "compose": "docker-compose.yml",
    "kubernetes": "manifest.yaml",
    "ansible": "playbook.yml",
    "gitlab-ci": ".gitlab-ci.yml",
    "github-actions": ".github/workflows/ci.yml",
}


def lint_files(files: dict[str, str], *, select: list[str] | None = None, ignore: list[str] = (),
               settings: dict | None = None, rule_options: dict | None = None) -> list[Finding]:
    from .discover import discover
    from .engine import RunOptions, run
    from .registry import Selection

    with tempfile.TemporaryDirectory(prefix="lintkit-test-") as root:
        for name, text in files.items():
            path = os.path.join(root, name)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            # A lone surrogate in a snippet ("\udce9") is written as that raw byte, so an
            # example can hold bytes that are not UTF-8.
            with open(path, "w", encoding="utf-8", errors="surrogateescape") as fh:
                fh.write(text)
        targets = discover([root]).targets
        options = RunOptions(
            selection=Selection(select, list(ignore)),
            settings={"kubernetes_version": None, **(settings or {})},
            rule_options=rule_options or {},
            jobs=1,
            config_base=root,
            project_root=root,
        )
        result = run(targets, options)
        if result.errors:
            raise AssertionError("; ".join(f"{e.path} {e.rule}: {e.message}" for e in result.errors))
        return [_relative(f, root) for f in result.findings]


def fix_files(files: dict[str, str], *, unsafe: bool = True, select=("ALL",), rule_options: dict | None = None):
    """Lint snippets, apply their fixes as ``--fix`` would (in memory), lint the result
    and try fixing it again: (findings before, findings after, fixed texts by file name,
    what a second fix would still change, by file name)."""
    from . import engine, fixes
    from .discover import discover
    from .registry import Selection

    with tempfile.TemporaryDirectory(prefix="lintkit-fix-") as root:
        for name, text in files.items():
            path = os.path.join(root, name)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8") as fh:
                fh.write(text)
        targets = discover([root]).targets
        options = engine.RunOptions(selection=Selection(list(select), []), settings={"kubernetes_version": None},
                                    rule_options=rule_options or {}, jobs=1, config_base=root)
        before = engine.run(targets, options)
        outcome = fixes.fix_run(targets, options, before, unsafe)
        texts = {p: fixed for p, (_, fixed) in outcome.changed.items()}
        fixed_options = engine.RunOptions(**{**vars(options), "texts": texts})
        after = engine.run(targets, fixed_options)
        again = fixes.fix_run(targets, fixed_options, after, unsafe)
        errors = before.errors + after.errors
        if errors:
            raise AssertionError("; ".join(f"{e.path} {e.rule}: {e.message}" for e in errors))
        names = {os.path.join(root, n): n for n in files}
        return (
            [_relative(f, root) for f in before.findings],
            [_relative(f, root) for f in after.findings],
            {names[p]: t for p, t in texts.items()},
            {names[p]: t for p, (_, t) in again.changed.items()},
        )


def _relative(finding: Finding, root: str) -> Finding:
    """The finding with its path, and the paths its message names (a cross-file rule
    names the other file), relative to the temporary folder, which changes every run."""
    from dataclasses import replace

    return replace(
        finding,
        path=os.path.relpath(finding.path, root).replace(os.sep, "/"),
        message=finding.message.replace(root + os.sep, ""),
    )


def lint_example(rule: Rule, example: Example, which: str) -> list[Finding]:
    """Findings of ``rule`` on the ``bad`` or ``good`` side of one of its examples."""
    filename = example.filename or DEFAULT_FILENAMES.get(rule.kind or "", "Dockerfile")
    files = dict(example.files)
    files[filename] = example.bad if which == "bad" else example.good
    options = {rule.id: dict(example.options)} if example.options else None
    return [f for f in lint_files(files, select=[rule.id], rule_options=options) if f.rule == rule.id]
