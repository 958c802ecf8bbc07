"""The Dockerfile rules: their documented examples, metadata, and the course-notes seeds."""

from __future__ import annotations

import json
import os
import textwrap

import pytest
from df_helpers import parse_dockerfile
from lintkit.rules.dockerfile import RULES

from lintkit.model import RuleContext
from lintkit.parsers import dockerfile
from lintkit.source import SourceFile

SEEDS = os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "examples", "seeds")

#: Seed concepts without aliases -> the rule that reports them.
SEED_CONCEPTS = {
    "dev-packages-in-runtime-image": "build-tools-in-final-image",
    "mkdir-before-workdir": "mkdir-before-workdir",
    "apt-update-alone": "update-with-install",
    "world-writable-permissions": "world-writable-permissions",
    "apt-upgrade": "no-dist-upgrade",
    "copy-before-dependency-install": "copy-before-dependency-install",
    "missing-dockerignore": "missing-dockerignore",
    "apt-wildcard-pin": "apt-wildcard-pin",
}


def run_rule(rule, docs, options=()):
    """Problems of one rule over parsed Dockerfiles, as (path, problem)."""
    ctx = RuleContext(rule, {**rule.option_defaults, **dict(options)})
    if rule.scope == "project":
        facts = {doc.source.path: rule.collect(doc, ctx) for doc in docs}
        return [(problem.path, problem) for problem in rule.check(facts, ctx)]
    return [(doc.source.path, problem) for doc in docs for problem in rule.check(doc, ctx)]


def lint(path: str, text: str, rules=RULES):
    doc = dockerfile.parse(SourceFile(path, text))
    return [(rule, problem) for rule in rules for _, problem in run_rule(rule, [doc])]


def test_rule_metadata_is_complete_and_unique():
    ids = [rule.id for rule in RULES]
    names = [rule.name for rule in RULES]
    assert len(set(ids)) == len(ids) and len(set(names)) == len(names)
    for rule in RULES:
        assert rule.kind == "dockerfile"
        assert rule.summary and rule.rationale and rule.tags and rule.examples
        assert rule.name == rule.name.lower() and " " not in rule.name


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: f"{rule.id}-{rule.name}")
def test_documented_examples(rule, tmp_path):
    for example in rule.examples:
        for text, should_fire in ((example.bad, True), (example.good, False)):
            path = tmp_path / (example.filename or "Dockerfile")
            path.write_text(text)
            for name, content in example.files:
                (tmp_path / name).write_text(content)
            problems = run_rule(rule, [dockerfile.parse(SourceFile(str(path), text))], example.options)
            assert bool(problems) == should_fire, (text, [p.message for _, p in problems])


def test_findings_point_at_the_offending_token():
    text = textwrap.dedent(
        """\
        FROM debian:12
        RUN apt-get update \\
            && apt-get install -y --no-install-recommends \\
               curl=7.88.1-10 \\
               git \\
            && rm -rf /var/lib/apt/lists/*
        """
    )
    found = [(r.name, p.span) for r, p in lint("Dockerfile", text) if r.name == "apt-pin-versions"]
    assert [(span.line, span.column, span.end_column) for _, span in found] == [(5, 8, 11)]


def test_shell_structure_is_understood():
    text = textwrap.dedent(
        """\
        FROM debian:12
        RUN set -e; (cd /tmp && sh -c "apt-get install -y vim") || true
        RUN <<EOF
        set -e
        apt-get dist-upgrade -y
        EOF
        """
    )
    names = {r.name: p for r, p in lint("Dockerfile", text)}
    assert names["apt-pin-versions"].span.line == 2  # inside sh -c, inside a subshell
    assert names["no-dist-upgrade"].span.line == 5  # inside the heredoc
    assert names["workdir-not-cd"].span.line == 2


def test_variables_from_arg_resolve_package_lists():
    text = 'FROM debian:12\nARG PACKAGES="curl tzdata=2024a-0"\nRUN apt-get install -y $PACKAGES\n'
    messages = [p.message for r, p in lint("Dockerfile", text) if r.name == "apt-pin-versions"]
    assert messages == ["Pin versions in apt-get install (curl)"]


def test_secrets_are_masked():
    text = "FROM alpine:3.20\nENV GITHUB_TOKEN_VALUE=ghp_0123456789abcdefghijklmnopqrstuvwxyzAB\n"
    (problem,) = [p for r, p in lint("Dockerfile", text) if r.name == "no-secrets-in-arg-env"]
    assert "0123456789" not in problem.message and "gh****" in problem.message


def test_pipefail_from_shell_or_script():
    bad = "FROM debian:12\nRUN curl -fsSL https://x | tar xz\n"
    in_script = "FROM debian:12\nRUN set -eo pipefail; curl -fsSL https://x | tar xz\n"
    powershell = (
        'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["powershell", "-Command"]\n'
        "RUN Get-ChildItem | Select-Object Name\n"
    )
    pipefail = [rule for rule in RULES if rule.name == "pipefail"]
    assert lint("Dockerfile", bad, pipefail)
    assert not lint("Dockerfile", in_script, pipefail)
    assert not lint("Dockerfile", powershell, pipefail)


@pytest.mark.corpus
def test_course_notes_seed_expectations():
    with open(os.path.join(SEEDS, "expectations.json")) as handle:
        expectations = [e for e in json.load(handle) if "Dockerfile" in e["file"]]
    paths = sorted({e["file"] for e in expectations})
    docs = []
    for relative in paths:
        path = os.path.join(SEEDS, relative)
        with open(path) as handle:
            docs.append(dockerfile.parse(SourceFile(path, handle.read())))
    findings = [
        (os.path.relpath(path, SEEDS), rule, problem)
        for rule in RULES
        for path, problem in run_rule(rule, docs)
    ]
    for expected in expectations:
        matches = [
            (rule, problem)
            for path, rule, problem in findings
            if path == expected["file"]
            and (expected["line"] is None or abs(problem.span.line - expected["line"]) <= 1)
            and (
                set(expected["aliases"]) & set(rule.aliases)
                if expected["aliases"]
                else rule.name == SEED_CONCEPTS[expected["concept"]]
            )
        ]
        assert matches, expected


def test_label_schema_options():
    (rule,) = [r for r in RULES if r.name == "label-schema"]
    doc = parse_dockerfile(
        """
        FROM alpine:3.20
        LABEL org.opencontainers.image.version="1.2" org.opencontainers.image.revision=""
        LABEL extra=1
        """
    )
    options = {
        "labels": {
            "org.opencontainers.image.version": "semver",
            "org.opencontainers.image.revision": "hash",
            "org.opencontainers.image.licenses": "spdx",
        },
        "strict": True,
    }
    messages = sorted(p.message for p in rule.check(doc, RuleContext(rule, options)))
    assert messages == [
        "Label extra is not in the label schema",
        "Label org.opencontainers.image.licenses is missing",
        "Label org.opencontainers.image.revision is empty",
        "Label org.opencontainers.image.version is not a semantic version",
    ]


def test_empty_continuation_lines_are_recorded(parse):
    doc = parse("FROM alpine:3.20\nRUN echo a \\\n\n  b\n")
    assert doc.instructions[1].empty_continuation_lines == (3,)


def test_parse_helper_dedents(parse):
    assert parse_dockerfile("\n    FROM x\n").instructions[0].keyword == "FROM"


def test_option_clusters_with_a_value_are_not_packages():
    """`-qr requirements.txt` and `-yo Dpkg::...`: the last letter of a cluster takes the
    next word (the shared option splitting of lintkit.shell)."""
    from lintkit.testing import lint_files

    text = (
        "FROM python:3.12-slim\n"
        "RUN pip install --no-cache-dir -qr requirements.txt\n"
        "RUN apt-get update && apt-get install -yo Dpkg::Options::=--force-confold --no-install-recommends curl \\\n"
        " && rm -rf /var/lib/apt/lists/*\n"
    )
    found = [(f.rule, f.line, f.message) for f in lint_files({"Dockerfile": text}, select=["DF003", "DF049"])]
    assert found == [("DF003", 3, found[0][2])] and "curl" in found[0][2]


@pytest.mark.parametrize(
    "text, images",
    [
        ("ARG TAG\nFROM busybox:${TAG}\n", ["`busybox:`"]),
        ("ARG V\nFROM golang:${V}-alpine3.20\n", ["`golang:-alpine3.20`"]),  # a tag cannot start with '-'
        ("ARG IMAGE\nARG DIGEST\nFROM ${IMAGE}@${DIGEST}\n", ["`@`"]),
        ("ARG TAG\nFROM alpine:${TAG:-3.20}\n", []),
        ("ARG BASE=builder\nFROM alpine:3.20 AS builder\nFROM ${BASE}\n", []),  # an earlier stage
        ("ARG REGISTRY=localhost:5000\nFROM ${REGISTRY}/team/app:1.2\n", []),
        ("FROM --platform=$BUILDPLATFORM golang:1.22\nFROM app-${TARGETARCH}\n", []),  # known at build time
        ("FROM alpine:${UNDECLARED}\n", []),  # undefined-arg-in-from reports it
    ],
)
def test_invalid_default_arg_in_from(text, images):
    rule = next(r for r in RULES if r.name == "invalid-default-arg-in-from")
    messages = [problem.message for _, problem in lint("Dockerfile", text, [rule])]
    assert messages == [f"with the global ARGs at their defaults, the base image is {image}" for image in images]
