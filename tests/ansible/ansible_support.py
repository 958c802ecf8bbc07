"""Helpers for the Ansible tests: parse snippets, lint snippets, find the shared corpus
(imported by name: test folders are not packages here)."""

from __future__ import annotations

import os
import textwrap

import pytest

from lintkit import yamlmodel
from lintkit.parsers import ansible
from lintkit.source import SourceFile
from lintkit.testing import lint_files

SHARED = os.path.join(os.path.dirname(__file__), os.pardir, os.pardir, os.pardir, "shared")
CORPUS = os.environ.get("LINTKIT_ANSIBLE_CORPUS", os.path.join(SHARED, "corpus", "ansible"))
SEEDS = os.path.join(SHARED, "examples", "seeds")


def dedent(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


def parse(text: str, path: str = "playbook.yml") -> ansible.AnsibleFile:
    source = SourceFile(path, dedent(text))
    return ansible.parse(source, yamlmodel.load(source))


def lint(text: str, select: list[str], filename: str = "playbook.yml", **files: str):
    """Findings of the selected rules on a dedented snippet (and extra files)."""
    return lint_files({filename: dedent(text), **{k: dedent(v) for k, v in files.items()}}, select=select)


def corpus_file(relative: str) -> str:
    path = os.path.join(CORPUS, relative)
    if not os.path.isfile(path):
        pytest.skip(f"corpus file not available: {relative}")
    return path
