"""The JUnit XML format: suites per file, a failed test case per finding."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from lintkit.model import Span

from .support import APT_PIN, finding, make_report, render, sample_report


def _parse(report) -> ET.Element:
    output = render(report, "junit")
    assert output.startswith("<?xml version='1.0' encoding='us-ascii'?>\n")
    return ET.fromstring(output.encode("ascii"))


def test_each_file_is_a_suite_and_each_finding_a_failed_case():
    root = _parse(sample_report())
    assert root.tag == "testsuites"
    assert root.attrib == {"name": "lintkit", "tests": "3", "failures": "3", "errors": "0"}
    suites = root.findall("testsuite")
    assert [suite.attrib for suite in suites] == [
        {"name": "app/Dockerfile", "tests": "2", "failures": "2", "errors": "0", "skipped": "0"},
        {"name": "k8s/deploy.yaml", "tests": "1", "failures": "1", "errors": "0", "skipped": "0"},
    ]
    testcase = suites[1].find("testcase")
    assert testcase.attrib == {
        "classname": "k8s/deploy.yaml",
        "name": "K8001 latest-tag at line 7, column 18",
        "file": "k8s/deploy.yaml",
        "line": "7",
    }
    failure = testcase.find("failure")
    assert failure.attrib == {"message": "Image nginx:latest uses the latest tag", "type": "error"}
    assert failure.text == (
        "k8s/deploy.yaml:7:18: K8001 [error] Image nginx:latest uses the latest tag (latest-tag)\n"
        "  7 |         - image: nginx:latest\n"
        "    |                  ^~~~~~~~~~~~"
    )


def test_a_clean_run_is_one_passing_case():
    root = _parse(make_report([]))
    assert root.attrib == {"name": "lintkit", "tests": "1", "failures": "0", "errors": "0"}
    (suite,) = root.findall("testsuite")
    (testcase,) = suite.findall("testcase")
    assert testcase.attrib == {"classname": "lintkit", "name": "no findings"}
    assert list(testcase) == []


def test_clean_files_are_passing_cases_among_the_failing_ones():
    report = sample_report()
    report.linted_paths = ["app/Dockerfile", "app/docker-compose.yml", "k8s/deploy.yaml", "zz/Dockerfile"]
    root = _parse(report)
    assert root.attrib == {"name": "lintkit", "tests": "5", "failures": "3", "errors": "0"}
    suites = root.findall("testsuite")
    assert [(s.get("name"), s.get("tests"), s.get("failures")) for s in suites] == [
        ("app/Dockerfile", "2", "2"),
        ("app/docker-compose.yml", "1", "0"),
        ("k8s/deploy.yaml", "1", "1"),
        ("zz/Dockerfile", "1", "0"),
    ]
    (passing,) = suites[1].findall("testcase")
    assert passing.attrib == {"classname": "app/docker-compose.yml", "name": "no findings",
                              "file": "app/docker-compose.yml"}
    assert list(passing) == []


def test_characters_xml_cannot_carry_are_replaced_and_non_ascii_survives():
    path = "bad\x01/Dockerfile"
    report = make_report(
        [finding(APT_PIN, path, Span.point(1), "caf\u00e9 \x0b \udcff")],
        sources={path: "RUN \x02\n"},
    )
    failure = _parse(report).find("testsuite/testcase/failure")
    assert failure.get("message") == "caf\u00e9 \ufffd \ufffd"
    assert failure.text.startswith("bad\ufffd/Dockerfile:1:1:")
    assert "RUN \ufffd" in failure.text
