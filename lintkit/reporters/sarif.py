"""SARIF 2.1.0, for GitHub code scanning, GitLab and SARIF viewers in editors.

One run whose driver describes the rules that have results (summary, rationale, help
with the documented examples, aliases, a ``helpUri`` to the rule's page in the docs, and
``security-severity`` for security rules, which GitHub code scanning ranks alerts by) and
one result per finding. Findings a comment suppressed are results too, carrying
``suppressions`` (kind ``inSource``, with the comment's justification), so viewers can
show what was silenced and why. File locations are relative to ``%SRCROOT%``, which the
log declares as the working directory; columns count Unicode code points, as lintkit's do.
"""

from __future__ import annotations

import functools
import json
import os
import re
from pathlib import Path
from typing import Any, TextIO

from ..model import Edit, Finding, Rule, Severity, Span
from ..report import Report
from ._fingerprints import fingerprints
from ._paths import artifact_uri

SARIF_SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
SRCROOT = "%SRCROOT%"
#: Key of lintkit's line-move-insensitive fingerprint in ``partialFingerprints``.
FINGERPRINT_KEY = "lintkitFingerprint/v1"
#: Where each rule's generated page lives: ``docs/rules/<ID>.md`` in the repository.
RULE_DOCS_URL = "https://github.com/lintkit/lintkit/blob/main/docs/rules/{id}.md"
#: GitHub's ``security-severity`` (0.0-10.0; 9.0 and up critical, 7.0 high, 4.0 medium,
#: below low) for a security rule of each lintkit severity.
SECURITY_SEVERITY = {
    Severity.ERROR: "8.0",
    Severity.WARNING: "5.5",
    Severity.INFO: "3.0",
    Severity.STYLE: "1.0",
}

LEVELS = {
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
    Severity.INFO: "note",
    Severity.STYLE: "note",
}


#: Stands for the results in the indented log, which are then written one per line.
_RESULTS_PLACEHOLDER = "\0results\0"


def render(report: Report, stream: TextIO, *, color: bool = False) -> None:
    """Write the report as a SARIF log (``color`` does not apply).

    The log is indented but its results are encoded one per line by the C encoder: an
    indented ``json.dump`` goes through the pure-Python encoder, which took 40 s for the
    31,000 results of a 2,000-container pod (and the JSON reporter does the same).
    """
    log = _sarif_log(report)
    results = log["runs"][0]["results"]
    log["runs"][0]["results"] = _RESULTS_PLACEHOLDER
    head, _, tail = json.dumps(log, indent=2, ensure_ascii=True).partition(json.dumps(_RESULTS_PLACEHOLDER))
    encode = json.JSONEncoder(ensure_ascii=True).encode
    stream.write(head)
    stream.write("[\n        " + ",\n        ".join(map(encode, results)) + "\n      ]" if results else "[]")
    stream.write(tail)
    stream.write("\n")


def _sarif_log(report: Report) -> dict[str, Any]:
    descriptors, index_by_id = _rule_descriptors(report)
    # Suppressed findings take part in the fingerprints' ranks, as they would if the
    # comment were removed; the results keep the order of findings, then suppressed ones.
    findings = sorted([*report.findings, *report.suppressed], key=Finding.sort_key)
    print_of = dict(zip(map(id, findings), fingerprints(report, findings), strict=True))
    location = functools.cache(_artifact_location)  # one per file, not per finding
    results = [
        _result(finding, index_by_id[finding.rule], print_of[id(finding)], location(finding.path))
        for finding in (*report.findings, *report.suppressed)
    ]
    driver: dict[str, Any] = {"name": report.tool_name, "version": report.tool_version}
    information_uri = _information_uri(report.tool_name)
    if information_uri:
        driver["informationUri"] = information_uri
    driver["rules"] = descriptors
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": driver},
                "originalUriBaseIds": {SRCROOT: {"uri": _directory_uri(os.getcwd())}},
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


def _rule_descriptors(report: Report) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """Descriptors of the rules that have results (suppressed ones included), sorted by
    id, and each id's index among them.

    A finding whose rule the report does not describe (the engine's own findings may come
    without metadata) still gets a minimal descriptor, so that every result has a
    ``ruleIndex``.
    """
    descriptors: dict[str, dict[str, Any]] = {}
    for finding in (*report.findings, *report.suppressed):
        if finding.rule not in descriptors:
            rule = report.rules.get(finding.rule)
            descriptors[finding.rule] = _rule_descriptor(rule) if rule else _minimal_descriptor(finding)
    ordered_ids = sorted(descriptors)
    index_by_id = {rule_id: index for index, rule_id in enumerate(ordered_ids)}
    return [descriptors[rule_id] for rule_id in ordered_ids], index_by_id


def _rule_descriptor(rule: Rule) -> dict[str, Any]:
    properties: dict[str, Any] = {
        # Viewers filter on tags; aliases are tags too so that "DL3008" finds the rule.
        "tags": [*rule.tags, *rule.aliases],
        "aliases": list(rule.aliases),
        "kind": rule.kind,
        "severity": rule.severity.value,
    }
    if "security" in rule.tags:
        properties["security-severity"] = SECURITY_SEVERITY[rule.severity]
    return {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.rationale},
        "help": {"text": _help_text(rule), "markdown": _help_markdown(rule)},
        "helpUri": RULE_DOCS_URL.format(id=rule.id),
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": properties,
    }


def _minimal_descriptor(finding: Finding) -> dict[str, Any]:
    return {
        "id": finding.rule,
        "name": finding.name,
        "shortDescription": {"text": finding.name},
        "defaultConfiguration": {"level": LEVELS[finding.severity]},
        "properties": {
            "tags": list(finding.aliases),
            "aliases": list(finding.aliases),
            "kind": finding.kind,
            "severity": finding.severity.value,
        },
    }


def _help_text(rule: Rule) -> str:
    parts = [rule.summary, rule.rationale]
    for example in rule.examples:
        parts.append("Bad:\n" + _indent(example.bad))
        parts.append("Good:\n" + _indent(example.good))
    if rule.aliases:
        parts.append("Also reported by other tools as: " + ", ".join(rule.aliases))
    return "\n\n".join(parts)


def _help_markdown(rule: Rule) -> str:
    parts = [f"**{rule.summary}**", rule.rationale]
    language = _example_language(rule.kind)
    for example in rule.examples:
        parts.append("Bad:\n\n" + _fenced(example.bad, language))
        parts.append("Good:\n\n" + _fenced(example.good, language))
    if rule.aliases:
        parts.append(
            "Also reported by other tools as: " + ", ".join(f"`{alias}`" for alias in rule.aliases)
        )
    return "\n\n".join(parts)


def _example_language(kind: str | None) -> str:
    """Fence language of a kind's examples: Dockerfiles, YAML for the other kinds, and
    none for engine rules, which apply to every kind."""
    if kind is None:
        return ""
    return "dockerfile" if kind == "dockerfile" else "yaml"


def _indent(snippet: str) -> str:
    return "\n".join("    " + line if line else "" for line in snippet.rstrip("\n").split("\n"))


def _fenced(snippet: str, language: str) -> str:
    # The fence must be longer than any run of backticks inside the snippet.
    longest_run = max((len(run) for run in re.findall("`+", snippet)), default=0)
    fence = "`" * max(3, longest_run + 1)
    body = snippet.rstrip("\n")
    return f"{fence}{language}\n{body}\n{fence}"


def _result(finding: Finding, rule_index: int, fingerprint: str, artifact: dict[str, str]) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": finding.rule,
        "ruleIndex": rule_index,
        "level": LEVELS[finding.severity],
        "message": {"text": finding.message},
        "locations": [
            {"physicalLocation": {"artifactLocation": artifact, "region": _region(finding.span)}}
        ],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
        # The level folds info and style together; keep the exact severity.
        "properties": {"severity": finding.severity.value},
    }
    if finding.suppression is not None:
        suppression: dict[str, Any] = {"kind": finding.suppression.kind}
        if finding.suppression.justification:
            suppression["justification"] = finding.suppression.justification
        if finding.suppression.until:
            suppression["properties"] = {"until": finding.suppression.until}
        result["suppressions"] = [suppression]
    if finding.related:
        result["relatedLocations"] = [
            {
                "id": number,
                "physicalLocation": {"artifactLocation": artifact, "region": _region(related.span)},
                "message": {"text": related.message},
            }
            for number, related in enumerate(finding.related, start=1)
        ]
    if finding.fix:
        result["fixes"] = [
            {
                "description": {"text": finding.fix.description},
                "artifactChanges": [
                    {
                        "artifactLocation": artifact,
                        "replacements": [_replacement(edit) for edit in finding.fix.edits],
                    }
                ],
            }
        ]
    return result


def _artifact_location(path: str) -> dict[str, str]:
    uri, relative = artifact_uri(path)
    return {"uri": uri, "uriBaseId": SRCROOT} if relative else {"uri": uri}


def _region(span: Span) -> dict[str, int]:
    return {
        "startLine": span.line,
        "startColumn": span.column,
        "endLine": span.end_line,
        "endColumn": span.end_column,
    }


def _replacement(edit: Edit) -> dict[str, Any]:
    return {"deletedRegion": _region(edit.span), "insertedContent": {"text": edit.text}}


def _directory_uri(directory: str) -> str:
    # A base URI must end with a slash, or resolving "app/Dockerfile" against it would
    # replace its last segment.
    uri = Path(directory).as_uri()
    return uri if uri.endswith("/") else uri + "/"


def _information_uri(distribution: str) -> str | None:
    """The project's home page from the installed package's metadata, if it declares one."""
    from importlib import metadata

    try:
        package = metadata.metadata(distribution)
    except metadata.PackageNotFoundError:
        return None
    for entry in package.get_all("Project-URL") or ():
        label, _, url = entry.partition(",")
        if label.strip().lower() in ("homepage", "home", "source", "repository"):
            return url.strip()
    return package.get("Home-page")
