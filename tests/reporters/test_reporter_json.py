"""The JSON format: the DESIGN.md contract, checked against the packaged JSON Schema."""

from __future__ import annotations

import copy
import json
import re
from dataclasses import replace
from pathlib import Path

import jsonschema
import pytest

import lintkit
from lintkit.model import KIND_BY_PREFIX, KINDS, Related, Severity, Span

from .support import APT_PIN, finding, make_report, render, sample_findings, sample_report

SCHEMA_PATH = Path(lintkit.__file__).parent / "schemas" / "output.schema.json"


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def _rendered() -> dict:
    return json.loads(render(sample_report(), "json"))


def test_output_follows_the_contract():
    document = _rendered()
    assert document["version"] == "1"
    assert document["tool"] == {"name": "lintkit", "version": "0.1.0"}
    assert document["findings"][1] == {
        "rule": "DF008",
        "name": "apt-pin-versions",
        "severity": "warning",
        "message": "Pin versions in apt-get install (git)",
        "path": "app/Dockerfile",
        "kind": "dockerfile",
        "line": 4,
        "column": 5,
        "end_line": 4,
        "end_column": 27,
        "aliases": ["DL3008"],
        "fix": None,
        "related": [],
    }
    assert document["findings"][0]["fix"] == {
        "description": "Pin curl to the installed version",
        "edits": [
            {"line": 3, "column": 24, "end_line": 3, "end_column": 28, "text": "curl=7.88.1-10"}
        ],
    }
    assert document["summary"] == {
        "files": 2,
        "findings": 3,
        "by_severity": {"error": 1, "warning": 2},
        "by_kind": {"dockerfile": 1, "kubernetes": 1},
    }


def test_findings_keep_the_report_order():
    assert [(f["path"], f["line"]) for f in _rendered()["findings"]] == [
        ("app/Dockerfile", 3),
        ("app/Dockerfile", 4),
        ("k8s/deploy.yaml", 7),
    ]


def test_kinds_without_files_are_left_out_of_by_kind():
    report = make_report([], files={"compose": 2, "ansible": 0})
    assert json.loads(render(report, "json"))["summary"] == {
        "files": 2,
        "findings": 0,
        "by_severity": {},
        "by_kind": {"compose": 2},
    }


def test_real_output_validates_against_the_schema(validator):
    validator.validate(_rendered())


def test_empty_output_and_a_finding_without_kind_validate(validator):
    validator.validate(json.loads(render(make_report([], files={}), "json")))
    unknown_kind = replace(finding(APT_PIN, "notes.yml", Span(1, 1, 1, 1), "msg"), kind=None)
    validator.validate(json.loads(render(make_report([unknown_kind], sources={}), "json")))


def _broken(path: tuple, value) -> dict:
    """The rendered sample with the value at ``path`` replaced (``...`` deletes the key)."""
    document = copy.deepcopy(_rendered())
    *parents, last = path
    target = document
    for key in parents:
        target = target[key]
    if value is ...:
        del target[last]
    else:
        target[last] = value
    return document


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("version",), "2"),
        (("tool",), ...),
        (("findings", 0, "severity"), "fatal"),
        (("findings", 0, "line"), 0),
        (("findings", 0, "end_column"), 1.5),
        (("findings", 0, "kind"), "helm"),
        (("findings", 0, "rule"), "df008"),
        (("findings", 0, "rule"), "DF"),
        (("findings", 0, "name"), "Apt_Pin"),
        (("findings", 0, "aliases"), ["DL3008", "DL3008"]),
        (("findings", 0, "fix", "edits"), []),
        (("findings", 1, "fix"), ...),
        (("findings", 1, "extra"), True),
        (("summary", "by_severity", "fatal"), 1),
        (("summary", "by_kind", "dockerfile"), 0),
        (("summary", "files"), -1),
        (("extra",), {}),
    ],
)
def test_the_schema_rejects_documents_outside_the_contract(validator, path, value):
    assert not validator.is_valid(_broken(path, value))


def test_the_schema_enumerations_match_the_model():
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    definitions = schema["$defs"]
    assert definitions["severity"]["enum"] == [severity.value for severity in Severity]
    assert definitions["kind"]["enum"] == list(KINDS)
    rule_pattern = definitions["finding"]["properties"]["rule"]["pattern"]
    # Built-in prefixes and a plugin's or policy's own (ACME001) are all rule ids.
    assert all(re.match(rule_pattern, f"{prefix}001") for prefix in [*KIND_BY_PREFIX, "ACME"])


def test_related_locations_are_listed_with_their_message():
    first = replace(sample_findings()[1], related=(Related(Span(4, 30, 4, 33), "vim is not pinned"),))
    document = json.loads(render(make_report([first]), "json"))
    assert document["findings"][0]["related"] == [
        {"line": 4, "column": 30, "end_line": 4, "end_column": 33, "message": "vim is not pinned"}
    ]
