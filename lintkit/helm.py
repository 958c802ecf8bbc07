"""Helm charts: a folder holding ``Chart.yaml`` is a chart, and the files of its
``templates/`` folder are Go templates, not YAML, until ``helm template`` renders them.

The engine does not lint those templates one by one (each would be a parse error); it
reports one ``helm-chart`` notice per chart instead, or, with ``--render-helm`` and
``helm`` on ``PATH``, renders the chart with its default values and lints the output.

Rendered manifests (from ``--render-helm`` or piped: ``helm template web | lintkit check
-``) say which template each document came from in a ``# Source: web/templates/x.yaml``
comment. :func:`map_to_templates` moves each finding there: to the template line whose text
is the rendered line (exact when one line of the template reads so), else to the line
setting the same key nearest the same place (approximate, and the message says so).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace

from .model import Finding, ParseError, Span

CHART_FILE = "Chart.yaml"
TEMPLATES_DIR = "templates"
SOURCE_MARKER = "# Source: "
#: Appended to the message of a finding whose template position is a best guess.
APPROXIMATE = " (position in the Helm template is approximate)"
#: Longest a render may take; a chart that loops for longer is reported, not waited for.
RENDER_TIMEOUT_SECONDS = 60
#: Templates larger than this are not read to place findings (as the engine's file limit).
MAX_TEMPLATE_BYTES = 5 * 1024 * 1024


class ChartIndex:
    """Which chart, if any, a file is a template of: the nearest folder above a
    ``templates/`` folder in the file's path that holds ``Chart.yaml`` (subcharts under
    ``charts/`` are charts of their own)."""

    def __init__(self) -> None:
        self._is_chart: dict[str, bool] = {}

    def chart_of(self, path: str) -> str | None:
        parts = os.path.normpath(path).split(os.sep)
        for index in range(len(parts) - 2, -1, -1):
            if parts[index] != TEMPLATES_DIR:
                continue
            chart = os.sep.join(parts[:index]) or "."
            if self._holds_chart_file(chart):
                return chart
        return None

    def _holds_chart_file(self, folder: str) -> bool:
        if folder not in self._is_chart:
            self._is_chart[folder] = os.path.isfile(os.path.join(folder, CHART_FILE))
        return self._is_chart[folder]


def helm_command() -> str | None:
    import shutil

    return shutil.which("helm")


def render(chart: str) -> str:
    """The chart rendered with its default values (``helm template``), or ParseError
    with the first line of helm's complaint. Nothing is fetched: a chart whose
    dependencies are not vendored under ``charts/`` fails to render, as helm says."""
    import subprocess

    helm = helm_command()
    if helm is None:
        raise ParseError("cannot render the chart: helm is not on PATH")
    try:
        completed = subprocess.run(
            [helm, "template", "lintkit-render", chart],
            capture_output=True, timeout=RENDER_TIMEOUT_SECONDS, stdin=subprocess.DEVNULL, check=False,
        )
    except subprocess.TimeoutExpired:
        raise ParseError(f"helm template took over {RENDER_TIMEOUT_SECONDS} s; not linted") from None
    except OSError as exc:
        raise ParseError(f"cannot run helm: {exc.strerror or exc}") from None
    if completed.returncode != 0:
        complaint = completed.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ParseError(f"helm template failed: {complaint[0] if complaint else f'exit status {completed.returncode}'}")
    return completed.stdout.decode("utf-8", "replace")


@dataclass(frozen=True, slots=True)
class Section:
    """Rendered lines ``start``..``end`` (1-based, inclusive) came from ``source``."""

    source: str
    start: int
    end: int


def sections(lines: list[str]) -> list[Section]:
    """Each ``# Source:`` comment that opens a document (first line, or right after
    ``---``, where helm writes it) starts a section running to the next one (or the end);
    the same text inside a document (a block scalar) is not one."""
    found: list[Section] = []
    source, start = None, 0
    for number, line in enumerate(lines, start=1):
        opens = number == 1 or lines[number - 2].rstrip() == "---"
        if opens and line.startswith(SOURCE_MARKER):
            if source is not None:
                found.append(Section(source, start, number - 1))
            source, start = line[len(SOURCE_MARKER):].strip(), number
    if source is not None:
        found.append(Section(source, start, len(lines)))
    return found


def has_sources(text: str) -> bool:
    return SOURCE_MARKER in text


def template_path(source: str, chart: str | None) -> str | None:
    """The file a ``# Source:`` names (``web/templates/x.yaml``, the chart's name first):
    under ``chart`` when rendering it ourselves; else as written or below the current
    folder (``helm template .`` run in the chart), whichever is a regular file inside the
    working directory. None when neither is."""
    parts = source.replace("\\", "/").split("/")
    if any(part in ("", ".", "..") for part in parts):
        return None  # only the shapes helm writes: nothing that could leave the tree
    if chart is not None:
        base, candidates = chart, [os.path.join(chart, *parts[1:])] if len(parts) > 1 else []
    else:
        base, candidates = ".", [os.path.join(*parts), *([os.path.join(*parts[1:])] if len(parts) > 1 else [])]
    inside = os.path.realpath(base) + os.sep
    for candidate in candidates:
        if (os.path.isfile(candidate) and not os.path.islink(candidate)
                and os.path.realpath(candidate).startswith(inside)
                and os.path.getsize(candidate) <= MAX_TEMPLATE_BYTES):
            return os.path.normpath(candidate)
    return None


def map_to_templates(findings: list[Finding], rendered_lines: list[str], chart: str | None,
                     fallback_path: str) -> list[Finding]:
    """Findings on rendered manifests moved to the template each document came from.
    A finding whose template cannot be read keeps its place in ``fallback_path`` and says
    which template it came from."""
    found_sections = sections(rendered_lines)
    if not found_sections:
        return findings
    templates: dict[str, list[str] | None] = {}
    mapped = []
    for finding in findings:
        section = next((s for s in found_sections if s.start <= finding.line <= s.end), None)
        if section is None:
            mapped.append(finding if chart is None else replace(finding, path=fallback_path))
            continue
        path = template_path(section.source, chart)
        if path is not None and path not in templates:
            templates[path] = _read_lines(path)
        template = templates.get(path) if path is not None else None
        if template is None:
            message = f"{finding.message} (rendered from {section.source})"
            mapped.append(replace(finding, path=fallback_path, message=message, fix=None))
            continue
        span, exact = locate(template, rendered_lines, section, finding.span)
        message = finding.message if exact else finding.message + APPROXIMATE
        mapped.append(replace(finding, path=path, span=span, message=message, fix=None))
    return mapped


def _read_lines(path: str) -> list[str] | None:
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            return fh.read().split("\n")
    except OSError:
        return None


def locate(template: list[str], rendered: list[str], section: Section, span: Span) -> tuple[Span, bool]:
    """Where in ``template`` the rendered ``span`` was written, and whether exactly.

    Exact: one template line reads as the rendered line does (stripped); the column moves
    by the difference in indentation. Otherwise the template line setting the same key
    (``image:``, ``- name:``) nearest the same relative place, or the template's first
    line: approximate, pointing at the start of that line's text."""
    line_text = rendered[span.line - 1] if 0 < span.line <= len(rendered) else ""
    stripped = line_text.strip()
    # Where the finding sits in its section, as a fraction: the tie-breaker between
    # several candidate lines of the template.
    length = max(section.end - section.start, 1)
    wanted = (span.line - section.start) / length * max(len(template) - 1, 1)

    def nearest(numbers: list[int]) -> int:
        return min(numbers, key=lambda number: abs(number - 1 - wanted))

    same = [n for n, text in enumerate(template, start=1) if stripped and text.strip() == stripped]
    if same:
        number = nearest(same)
        shift = _indent(template[number - 1]) - _indent(line_text)
        column = max(span.column + shift, 1)
        width = span.end_column - span.column if span.end_line == span.line else len(stripped)
        return Span(number, column, number, column + max(width, 1)), len(same) == 1
    key = _key_of(stripped)
    keyed = [n for n, text in enumerate(template, start=1) if key and _key_of(text.strip()) == key]
    number = nearest(keyed) if keyed else 1
    column = _indent(template[number - 1]) + 1 if template else 1
    return Span(number, column, number, column + 1), False


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


def _key_of(stripped: str) -> str | None:
    """``image`` for ``image: x`` and ``- image: x``; None for a line setting no key."""
    if stripped.startswith("- "):
        stripped = stripped[2:].lstrip()
    key, colon, _ = stripped.partition(":")
    if not colon or not key or key.startswith(("#", "{{")) or " " in key.strip('"\''):
        return None
    return key.strip('"\'')
