"""Baselines: accept today's findings, fail only on new ones.

``lintkit check --write-baseline FILE`` records every finding; ``--baseline FILE`` (or the
config's ``baseline:``) reports only the findings the file does not account for.

A finding is recognised by a fingerprint of its rule, its path (relative to the baseline's
folder) and its *context*, never its line number:

- in a YAML file, the path of keys from the document to the node the finding starts in
  (sequence items by their ``name``/``id`` when they have one, by nothing otherwise;
  Kubernetes documents by kind, namespace and name), and the text of the finding's span;
- in a Dockerfile (or any view with statements), the whitespace-normalised text of the
  instruction the finding starts in (without its ``-`` options, which fixes add), and the
  text of its span;
- elsewhere (a parse error, a project rule's finding), the text of the finding's line.

So lines inserted or removed above, other findings fixed, documents reordered and tasks
moved within a play leave fingerprints as they were. A second, identical problem has the
same fingerprint: each entry carries a count, and findings beyond it are new.

The file is JSON with a schema version, sorted and indented so that it diffs and reviews
well. Contexts are hashed (SHA-256), so a secret quoted by a finding's span never reaches
it; the message it shows for review is the one the report prints, already masked.
"""

from __future__ import annotations

import hashlib
import json
import os
import posixpath
from collections import Counter
from dataclasses import dataclass, replace
from typing import Any, Iterable

from .model import Finding, Span
from .registry import UsageError
from .source import SourceFile

SCHEMA_VERSION = 1
#: Characters of a span's text that enter its context (a whole object's text would make
#: the fingerprint change whenever anything inside it does).
_MAX_SPAN_TEXT = 200


# -- contexts, computed where the parsed file is at hand (the engine) -----------------


def add_contexts(findings: list[Finding], source: SourceFile, view: Any, documents) -> list[Finding]:
    """``findings`` with their ``context`` set from the file they were found in."""
    scopes = None
    result = []
    for finding in findings:
        if finding.context is not None:
            result.append(finding)
            continue
        if documents:
            anchor = yaml_anchor(documents, finding.span)
        else:
            if scopes is None:
                scopes = list(view.suppression_scopes()) if hasattr(view, "suppression_scopes") else []
            anchor = _statement_anchor(source, scopes, finding.span)
        result.append(replace(finding, context=anchor + "\0" + span_text(source, finding.span)))
    return result


def span_text(source: SourceFile, span: Span) -> str:
    """The first line of what ``span`` covers, whitespace-normalised (the offending token
    or node); the whole line for an empty span."""
    if span.end_line == span.line and span.end_column <= span.column + 1:
        text = source.line_text(span.line)
    else:
        end_column = span.end_column if span.end_line == span.line else 1 << 30
        text = source.line_text(span.line)[span.column - 1 : end_column - 1]
    return normalise(text)[:_MAX_SPAN_TEXT]


def normalise(text: str) -> str:
    """Line continuations joined, runs of white space as one space, stripped."""
    return " ".join(text.replace("\\\n", " ").replace("`\n", " ").split())


def _statement_anchor(source: SourceFile, scopes: list[Span], span: Span) -> str:
    """Normalised text of the innermost statement holding the start of ``span``."""
    best = None
    for scope in scopes:
        if scope.line <= span.line <= scope.end_line and (
            best is None or scope.end_line - scope.line < best.end_line - best.line
        ):
            best = scope
    if best is None:
        return ""
    lines = [source.line_text(n) for n in range(best.line, best.end_line + 1)]
    # Comment lines inside a continued instruction are no part of it; options are left
    # out so that fixing another finding of the statement (adding `-y`, `--no-cache`)
    # leaves the fingerprints of the others as they were.
    text = normalise("\n".join(line for line in lines if not line.lstrip().startswith("#")))
    return " ".join(word for word in text.split(" ") if not word.startswith("-"))


def yaml_anchor(documents, span: Span) -> str:
    """The path of keys from the document holding ``span``'s start to the node it is in."""
    from .yamlmodel import YMap, YSeq

    position = (span.line - 1, span.column - 1)
    document = next(
        (d for d in documents if (d.span.line, d.span.column) <= (span.line, span.column) <= (d.span.end_line, d.span.end_column)),
        None,
    )
    if document is None:
        return ""
    parts = [_label(document.root, document=True)]
    node = document.root
    while True:
        if isinstance(node, YMap):
            for key, (key_start, key_end, value_start, value_end) in node._pos.items():
                if _inside(position, key_start, key_end):
                    parts.append(_key_label(key))
                    return "/".join(parts)
                if _inside(position, value_start, value_end):
                    parts.append(_key_label(key))
                    node = node[key]
                    break
            else:
                return "/".join(parts)
        elif isinstance(node, YSeq):
            for index, (start, end) in enumerate(node._pos):
                if _inside(position, start, end):
                    parts.append("-" + _label(node[index]))
                    node = node[index]
                    break
            else:
                return "/".join(parts)
        else:
            return "/".join(parts)


def _inside(position: tuple[int, int], start, end) -> bool:
    return (start.line, start.column) <= position < (end.line, end.column) or position == (start.line, start.column)


def _key_label(key: Any) -> str:
    """A key as a fingerprint reads it: its last dotted part, so that a fix writing a
    module's full name (``apt`` -> ``ansible.builtin.apt``) moves nothing below it."""
    return str(key).rsplit(".", 1)[-1]


def _label(node: Any, *, document: bool = False) -> str:
    """What names a sequence item or document whatever its place: its ``name`` or ``id``
    (case-folded: a fix may capitalise a task name), or a Kubernetes object's kind,
    namespace and name; nothing when it has none."""
    from .yamlmodel import YMap

    if not isinstance(node, YMap):
        return node if isinstance(node, str) and not document else ""
    metadata = node.get("metadata")
    if document and isinstance(metadata, YMap) and isinstance(metadata.get("name"), str):
        return f"{node.get('kind')}:{metadata.get('namespace') or ''}:{metadata['name']}"
    for key in ("name", "id"):
        value = node.get(key)
        if isinstance(value, (str, int)) and not isinstance(value, bool):
            return str(value).casefold()
    return ""


def _line_context(finding: Finding, lines_of) -> str:
    """Context of a finding made where no parsed file was at hand: its line's text."""
    lines = lines_of(finding.path)
    if lines is None or not 0 < finding.line <= len(lines):
        return f"\0line {finding.line}"
    source = SourceFile(finding.path, "\n".join(lines))
    return "\0" + span_text(source, finding.span)


# -- the file -----------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    path: str
    rule: str
    fingerprint: str
    count: int
    name: str = ""
    message: str = ""

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.path, self.rule, self.fingerprint)


class Baseline:
    """Findings recorded in a baseline file, keyed by path, rule and fingerprint."""

    def __init__(self, path: str, entries: Iterable[Entry] = ()):
        self.path = path
        self.base = os.path.dirname(os.path.abspath(path))
        self.counts: Counter = Counter()
        for entry in entries:
            self.counts[entry.key] += entry.count

    def relative(self, path: str) -> str:
        if path == "-" or not path:
            return path
        relative = os.path.relpath(os.path.abspath(path), self.base)
        return posixpath.normpath(relative.replace(os.sep, "/"))

    def keys(self, findings: list[Finding], lines_of) -> list[tuple[str, str, str]]:
        """The (path, rule, fingerprint) of each finding."""
        keys = []
        for finding in findings:
            context = finding.context if finding.context is not None else _line_context(finding, lines_of)
            material = "\0".join((finding.rule, context))
            # surrogatepass: text decoded with surrogateescape must still hash.
            digest = hashlib.sha256(material.encode("utf-8", "surrogatepass")).hexdigest()[:32]
            keys.append((self.relative(finding.path), finding.rule, digest))
        return keys

    def filter(self, findings: list[Finding], lines_of, linted_paths: Iterable[str], rules: Iterable[str]):
        """(new findings, number of entries of the linted files and selected rules that
        matched nothing)."""
        remaining = Counter(self.counts)
        new = []
        for finding, key in zip(findings, self.keys(findings, lines_of)):
            if remaining[key] > 0:
                remaining[key] -= 1
            else:
                new.append(finding)
        linted = {self.relative(p) for p in linted_paths}
        selected = set(rules)
        fixed = sum(n for (path, rule, _), n in remaining.items() if n > 0 and path in linted and rule in selected)
        return new, fixed

    def write(self, findings: list[Finding], lines_of) -> int:
        """Write the baseline of ``findings``; returns the number of entries."""
        counts: Counter = Counter()
        shown: dict[tuple[str, str, str], tuple[str, str]] = {}
        for finding, key in zip(findings, self.keys(findings, lines_of)):
            counts[key] += 1
            label = (finding.name, finding.message)
            shown[key] = min(shown.get(key, label), label)
        entries = [
            {"path": path, "rule": rule, "name": shown[key][0], "fingerprint": digest,
             "count": counts[key], "message": shown[key][1]}
            for key in sorted(counts)
            for path, rule, digest in (key,)
        ]  # fmt: skip
        document = {"lintkit-baseline": SCHEMA_VERSION, "entries": entries}
        text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
        directory = os.path.dirname(os.path.abspath(self.path))
        temporary = os.path.join(directory, f".{os.path.basename(self.path)}.{os.getpid()}.tmp")
        with open(temporary, "w", encoding="utf-8", errors="surrogateescape", newline="\n") as fh:
            fh.write(text)
        os.replace(temporary, self.path)
        return len(entries)


def load(path: str) -> Baseline:
    """The baseline at ``path``; a missing or malformed file is a usage error."""
    try:
        with open(path, encoding="utf-8", errors="surrogateescape") as fh:
            data = json.load(fh)
    except OSError as exc:
        raise UsageError(f"cannot read baseline {path}: {exc.strerror or exc}") from None
    except ValueError as exc:
        raise UsageError(f"baseline {path} is not JSON: {exc}") from None
    if not isinstance(data, dict) or "lintkit-baseline" not in data:
        raise UsageError(f"{path} is not a lintkit baseline (no 'lintkit-baseline' version)")
    if data["lintkit-baseline"] != SCHEMA_VERSION:
        raise UsageError(
            f"baseline {path} has schema version {data['lintkit-baseline']!r}; this lintkit reads "
            f"{SCHEMA_VERSION}: rewrite it with --write-baseline"
        )
    entries = []
    for index, item in enumerate(data.get("entries", [])):
        try:
            entries.append(Entry(str(item["path"]), str(item["rule"]), str(item["fingerprint"]), int(item["count"])))
        except (KeyError, TypeError, ValueError):
            raise UsageError(f"baseline {path}: entry {index} needs path, rule, fingerprint and count") from None
    return Baseline(path, entries)


def fixed_sentence(count: int) -> str:
    if count == 1:
        return "1 baseline entry is fixed; rewrite the baseline to drop it"
    return f"{count} baseline entries are fixed; rewrite the baseline to drop them"


def from_cli(request, config, targets, options, result):
    """``check --write-baseline``/``--baseline``: (the result to report, the exit status
    when the run ends here, the number of entries that matched nothing)."""
    from dataclasses import replace as replace_result

    import click

    from .engine import decode, print_errors

    cache: dict[str, list[str] | None] = {}

    def lines_of(path: str) -> list[str] | None:
        if path not in cache:
            try:
                if path in options.texts:
                    text = options.texts[path]
                    text = text if isinstance(text, str) else decode(text)
                else:
                    with open(path, "rb") as fh:
                        text = decode(fh.read())
                cache[path] = text.splitlines()
            except Exception:  # unreadable: the finding's line number stands in
                cache[path] = None
        return cache[path]

    if request.write_baseline:
        baseline = Baseline(request.write_baseline)
        entries = baseline.write(result.findings, lines_of)
        if not request.quiet:
            click.echo(
                f"lintkit: wrote {request.write_baseline}: {len(result.findings)} findings in {entries} entries",
                err=True,
            )
        print_errors(result.errors)
        return result, 2 if result.errors else 0, 0
    path = request.baseline_path or os.path.join(config.base, config.baseline)
    baseline = load(path)
    new, fixed = baseline.filter(result.findings, lines_of, (t.path for t in targets), result.rules)
    return replace_result(result, findings=new), None, fixed
