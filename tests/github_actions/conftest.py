"""Shared by the GitHub Actions rule tests: lint one workflow written under
``.github/workflows/`` of a temporary folder."""

import json

import pytest
from click.testing import CliRunner

from lintkit.cli import main


@pytest.fixture
def lint_workflow(tmp_path):
    """``lint_workflow(text, select)`` -> the JSON findings of ``w.yml`` with that text."""

    def lint(text, select):
        folder = tmp_path / ".github" / "workflows"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "w.yml"
        path.write_text(text)
        out = CliRunner().invoke(main, ["check", "--isolated", "--select", select, "--format", "json", str(path)])
        return json.loads(out.stdout)["findings"]

    return lint
