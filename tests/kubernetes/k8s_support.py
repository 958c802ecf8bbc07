"""Helpers for the Kubernetes parser and rule tests (a plain module, not a conftest: two
conftest modules of one run would collide under pytest's default import mode)."""

from __future__ import annotations

import os
import textwrap

import pytest

from lintkit import yamlmodel
from lintkit.parsers import kubernetes
from lintkit.source import SourceFile
from lintkit.testing import lint_files

CORPUS = os.environ.get(
    "LINTKIT_CORPUS",
    os.path.join(os.path.dirname(__file__), os.pardir, os.pardir, os.pardir, "shared", "corpus"),
)
K8S_CORPUS = os.path.join(CORPUS, "kubernetes")
HELM_CORPUS = os.path.join(CORPUS, "helm-templates")
needs_corpus = pytest.mark.corpus


def manifest(text: str, path: str = "manifest.yaml") -> kubernetes.KubernetesFile:
    """Parse a dedented snippet (a leading newline is dropped) into the Kubernetes view."""
    source = SourceFile(path, textwrap.dedent(text).lstrip("\n"))
    return kubernetes.parse(source, yamlmodel.load(source))


def lint(files: dict[str, str] | str, select, **kwargs):
    """Findings of the selected rules on dedented snippets (one text: ``manifest.yaml``)."""
    if isinstance(files, str):
        files = {"manifest.yaml": files}
    files = {name: textwrap.dedent(text).lstrip("\n") for name, text in files.items()}
    return lint_files(files, select=[select] if isinstance(select, str) else list(select), **kwargs)


def where(findings) -> list[tuple]:
    """(rule name, line, column) of each finding, for compact assertions."""
    return [(f.name, f.line, f.column) for f in findings]


def corpus_file(relative: str) -> str:
    return os.path.join(K8S_CORPUS, relative)


def lint_corpus(relatives: list[str], select):
    """Findings of the selected rules on corpus files (read in place, never copied)."""
    from lintkit.discover import discover
    from lintkit.engine import RunOptions, run
    from lintkit.registry import Selection

    paths = [corpus_file(r) for r in relatives]
    targets = discover(paths).targets
    result = run(targets, RunOptions(selection=Selection([select] if isinstance(select, str) else select, []), jobs=1))
    assert not result.errors, result.errors
    return result.findings
