"""Suppressions that can be governed: the reason after ` -- ` is kept, `until=` expires,
a lintkit comment naming no rule is reported, suppressed findings stay visible to JSON,
SARIF and statistics but count for nothing."""

import datetime
import json
import os

import jsonschema
import pytest
from test_cli import files, run

import lintkit
from lintkit.model import Finding, Severity, Span
from lintkit.source import SourceFile
from lintkit.suppression import apply, governance_problems, scan

APT = "FROM debian:12\n{comment}\nRUN apt-get install -y curl\n"


def _findings(tmp_path, comment, *extra):
    files(tmp_path, Dockerfile=APT.format(comment=comment))
    result = run(["check", "--isolated", "--select", "DF003,LK", "--format", "json", *extra, "Dockerfile"], tmp_path)
    return result, json.loads(result.stdout)


def test_the_reason_is_kept_and_shown_in_json(tmp_path):
    result, report = _findings(tmp_path, "# lintkit: ignore=apt-pin-versions -- the mirror pins it")
    assert result.exit_code == 0
    assert report["findings"] == [] and report["summary"]["findings"] == 0
    [silenced] = report["suppressed"]
    assert (silenced["rule"], silenced["line"], silenced["column"]) == ("DF003", 3, 24)
    assert silenced["suppression"] == {"kind": "inSource", "justification": "the mirror pins it", "until": None}


def test_json_with_suppressed_findings_matches_the_output_schema(tmp_path):
    _, report = _findings(tmp_path, "# lintkit: ignore=DF003 until=2999-01-01 -- waiting for the vendor")
    schema_path = os.path.join(os.path.dirname(lintkit.__file__), "schemas", "output.schema.json")
    with open(schema_path) as fh:
        jsonschema.validate(report, json.load(fh))
    assert report["suppressed"][0]["suppression"]["until"] == "2999-01-01"


def test_an_expired_suppression_stops_working_and_says_so(tmp_path):
    result, report = _findings(tmp_path, "# lintkit: ignore=DF003 until=2001-02-03 -- until the vendor ships")
    assert result.exit_code == 1
    assert [(f["rule"], f["line"], f["column"]) for f in report["findings"]] == [("LK006", 2, 1), ("DF003", 3, 24)]
    assert report["findings"][0]["message"] == "suppression of DF003 expired on 2001-02-03 and no longer applies"
    assert "suppressed" not in report


def test_an_until_that_is_not_a_date_is_reported_and_not_applied(tmp_path):
    _, report = _findings(tmp_path, "# lintkit: ignore=DF003 until=2027-02-30")
    assert [(f["rule"], f["line"]) for f in report["findings"]] == [("LK007", 2), ("DF003", 3)]
    assert "until=2027-02-30 is not a date" in report["findings"][0]["message"]


def test_a_misspelt_rule_gets_a_warning(tmp_path):
    result, report = _findings(tmp_path, "# lintkit: ignore=apt-pin-versoins")
    assert [(f["rule"], f["severity"], f["line"]) for f in report["findings"]] == [
        ("LK007", "warning", 2), ("DF003", "warning", 3)]
    assert report["findings"][0]["message"] == (
        "suppression names no rule lintkit knows: 'apt-pin-versoins' (see `lintkit rules`)")


def test_a_rule_of_another_kind_or_not_selected_is_known(tmp_path):
    _, report = _findings(tmp_path, "# lintkit: ignore=DF003,image-explicit-tag,DL3008,all")
    assert report["findings"] == []


def test_other_tools_comments_may_name_rules_lintkit_lacks(tmp_path):
    _, report = _findings(tmp_path, "# hadolint ignore=DL9999,DL3008")
    assert report["findings"] == [] and report["suppressed"][0]["rule"] == "DF003"


def test_unused_suppression_stays_and_is_not_doubled_by_expiry(tmp_path):
    files(tmp_path, Dockerfile="FROM debian:12\n# lintkit: ignore=DF003 until=2001-01-01\nRUN true\n"
                               "# lintkit: ignore=DF003\nRUN true\n")
    result = run(["check", "--isolated", "--select", "DF003,LK,unused-suppression", "--format", "json", "Dockerfile"], tmp_path)
    found = [(f["rule"], f["line"]) for f in json.loads(result.stdout)["findings"]]
    assert found == [("LK006", 2), ("LK003", 4)]


def test_governance_rules_can_be_ignored(tmp_path):
    _, report = _findings(tmp_path, "# lintkit: ignore=apt-pin-versoins", "--ignore", "invalid-suppression")
    assert [f["rule"] for f in report["findings"]] == ["DF003"]


def test_checkov_reason_is_the_justification():
    source = SourceFile("deploy.yaml", "# checkov:skip=CKV_K8S_8: probes come from the mesh\nkind: Pod\n")
    [found] = scan(source)
    assert found.justification == "probes come from the mesh"


@pytest.mark.parametrize(
    ("comment", "until", "justification"),
    [
        ("# lintkit: ignore=DF003", None, None),
        ("# lintkit: ignore=DF003 -- why", None, "why"),
        ("# lintkit: ignore=DF003,DF006 until=2027-03-31 -- a -- b", "2027-03-31", "a -- b"),
        ("# lintkit: ignore=DF003 until=2027-03-31", "2027-03-31", None),
        ("# lintkit: ignore-file=DF003 --   ", None, None),
    ],
)
def test_lintkit_comment_tail(comment, until, justification):
    [found] = scan(SourceFile("Dockerfile", f"FROM debian:12\n{comment}\nRUN true\n"))
    assert (found.until, found.justification, found.own) == (until, justification, True)


def test_expiry_is_inclusive_of_its_day():
    [found] = scan(SourceFile("Dockerfile", "FROM a\n# lintkit: ignore=DF003 until=2030-06-15\nRUN x\n"))
    finding = Finding("DF003", "apt-pin-versions", Severity.WARNING, "m", "Dockerfile", "dockerfile", Span.point(3))
    kept, silenced = apply([finding], [found], today=datetime.date(2030, 6, 15))
    assert (kept, len(silenced)) == ([], 1)
    kept, silenced = apply([finding], [found], today=datetime.date(2030, 6, 16))
    assert (kept, silenced) == ([finding], [])
    assert [which for which, _, _ in governance_problems([found], lambda s: True, datetime.date(2030, 6, 16))] == [
        "expired"]


def test_sarif_carries_suppressed_results_with_the_justification(tmp_path):
    files(tmp_path, Dockerfile=APT.format(comment="# lintkit: ignore=DF003 -- the mirror pins it"))
    result = run(["check", "--isolated", "--select", "DF003", "--format", "sarif", "Dockerfile"], tmp_path)
    assert result.exit_code == 0
    [res] = json.loads(result.stdout)["runs"][0]["results"]
    assert res["ruleId"] == "DF003"
    assert res["suppressions"] == [{"kind": "inSource", "justification": "the mirror pins it"}]


def test_text_gitlab_and_junit_leave_suppressed_findings_out(tmp_path):
    files(tmp_path, Dockerfile=APT.format(comment="# lintkit: ignore=DF003 -- the mirror pins it"))
    for fmt in ("text", "gitlab", "junit", "github"):
        result = run(["check", "--isolated", "--select", "DF003", "--format", fmt, "Dockerfile"], tmp_path)
        assert "DF003" not in result.stdout, fmt


POD = ("apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n"
       "    - name: web\n      image: nginx:latest\n")


@pytest.mark.parametrize(
    ("pattern", "ignored"),
    [
        ("legacy", {"legacy/pod.yaml", "apps/legacy/pod.yaml"}),  # any folder of that name, as in exclude
        ("/legacy", {"legacy/pod.yaml"}),
        ("apps/*.yaml", {"apps/pod.yaml"}),  # one level, not apps/legacy/pod.yaml
        ("apps/**/pod.yaml", {"apps/pod.yaml", "apps/legacy/pod.yaml"}),
        ("pod.yaml", {"pod.yaml", "legacy/pod.yaml", "apps/pod.yaml", "apps/legacy/pod.yaml"}),
    ],
)
def test_per_file_ignores_use_gitignore_patterns_like_exclude(tmp_path, pattern, ignored):
    paths = {"pod.yaml", "legacy/pod.yaml", "apps/pod.yaml", "apps/legacy/pod.yaml"}
    files(tmp_path, **{p.replace("/", "__"): POD for p in paths},
          **{".lintkit.yaml": f"select: [K8001]\nper-file-ignores:\n  '{pattern}': [K8001]\n"})
    result = run(["check", "--format", "json", "."], tmp_path)
    reported = {f["path"] for f in json.loads(result.stdout)["findings"]}
    assert reported == paths - ignored


def test_per_file_ignores_selectors_are_validated(tmp_path):
    files(tmp_path, **{"pod.yaml": POD, ".lintkit.yaml": "per-file-ignores:\n  'legacy/**': [dockerfil]\n"})
    result = run(["check", "."], tmp_path)
    assert result.exit_code == 2
    assert "per-file-ignores.legacy/**: unknown rule selector(s) 'dockerfil'" in result.stderr


def test_per_file_ignores_apply_from_a_subfolder_run(tmp_path):
    files(tmp_path, **{"legacy__pod.yaml": POD, ".lintkit.yaml": "select: [K8001]\nper-file-ignores:\n  legacy: [K8]\n"})
    assert run(["check", "pod.yaml"], tmp_path / "legacy").exit_code == 0
