"""Test helpers for the Dockerfile parser, shell layer and rules.

Until lintkit is installed (``pip install -e .``), the top-level ``rules/`` folder is
not importable as ``lintkit.rules``; this local shim aliases it so the rule modules can
be imported by their installed name. It does nothing once the package is installed.
"""

from __future__ import annotations

import importlib.util
import sys
import textwrap
from pathlib import Path

import pytest

from lintkit.parsers import dockerfile
from lintkit.source import SourceFile


def _alias_rules_package() -> None:
    try:
        import lintkit.rules  # noqa: F401
    except ModuleNotFoundError:
        rules_dir = Path(__file__).resolve().parents[2] / "rules"
        spec = importlib.util.spec_from_file_location(
            "lintkit.rules", rules_dir / "__init__.py", submodule_search_locations=[str(rules_dir)]
        )
        module = importlib.util.module_from_spec(spec)
        sys.modules["lintkit.rules"] = module
        spec.loader.exec_module(module)


_alias_rules_package()


def parse_dockerfile(text: str, path: str = "Dockerfile") -> dockerfile.Dockerfile:
    """Parse a dedented snippet (a leading newline is dropped)."""
    return dockerfile.parse(SourceFile(path, textwrap.dedent(text).lstrip("\n")))


@pytest.fixture
def parse():
    return parse_dockerfile
