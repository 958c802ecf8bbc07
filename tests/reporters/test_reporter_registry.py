"""The registry of formats: every format resolves lazily to a working renderer."""

from __future__ import annotations

import inspect
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from lintkit.reporters import REPORTERS, get_reporter

from .support import make_report, render, sample_report

REPO_ROOT = Path(__file__).resolve().parents[2]


def test_the_formats_of_the_cli_contract_are_registered():
    assert set(REPORTERS) == {"text", "json", "sarif", "gitlab", "junit", "github"}


@pytest.mark.parametrize("format_name", sorted(REPORTERS))
def test_every_renderer_takes_report_stream_and_keyword_only_color(format_name):
    parameters = inspect.signature(get_reporter(format_name)).parameters
    assert list(parameters) == ["report", "stream", "color"]
    assert parameters["color"].kind is inspect.Parameter.KEYWORD_ONLY


@pytest.mark.parametrize("format_name", sorted(REPORTERS))
@pytest.mark.parametrize("color", [False, True])
def test_every_format_renders_a_report_and_an_empty_one(format_name, color):
    assert render(sample_report(), format_name, color=color).endswith("\n")
    empty = render(make_report([], files={}), format_name, color=color)
    # GitHub annotations of no finding are no line at all (the summary goes to stderr).
    assert empty == "" if format_name == "github" else empty.endswith("\n")


def test_an_unknown_format_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown output format 'xml'.*text, json"):
        get_reporter("xml")


def _modules_loaded_by(code: str) -> set[str]:
    """The modules a fresh interpreter has imported after running ``code``."""
    script = f"import json, sys\n{code}\nprint(json.dumps(sorted(sys.modules)))"
    completed = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO_ROOT,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
    )
    return set(json.loads(completed.stdout))


def test_importing_the_registry_imports_no_format():
    loaded = _modules_loaded_by("import lintkit.reporters")
    assert not {name for name in loaded if name.startswith("lintkit.reporters.")}


def test_the_text_reporter_loads_neither_xml_nor_schema_validation():
    loaded = _modules_loaded_by("from lintkit.reporters import get_reporter\nget_reporter('text')")
    assert "lintkit.reporters.text" in loaded
    assert not {name for name in loaded if name.startswith(("xml", "jsonschema"))}
    assert not {"lintkit.reporters.junit", "lintkit.reporters.sarif"} & loaded
