"""Applying the fixes rules compute: ``--fix``, ``--unsafe-fixes``, ``--diff``.

A fix is a set of text edits on the file as it was read (``model.Fix``), so comments,
quoting, key order and indentation stay as they were: nothing is re-serialised. One pass
applies every fix whose edits overlap no edit already taken, all of a fix's edits or none;
the file is then linted again and the fixes that were left out (or that the first ones made
possible) are applied in the next pass, until a pass changes nothing or ``MAX_PASSES`` is
reached, as ruff does.

A rule's ``fix`` metadata says whether its fixes are ``"safe"`` (applied by ``--fix``) or
``"unsafe"`` (also needs ``--unsafe-fixes``).
"""

from __future__ import annotations

import difflib
import os
import stat
from collections import Counter
from dataclasses import dataclass, field

from .model import Finding, Fix, Rule
from .source import SourceFile

#: Passes over one file before lintkit stops looking for more to fix (ruff's bound).
MAX_PASSES = 100


def applicable(finding: Finding, rules: dict[str, Rule], unsafe: bool) -> bool:
    if finding.fix is None or not finding.fix.edits:
        return False
    rule = rules.get(finding.rule)
    level = rule.fix if rule is not None else None
    return level == "safe" or (level == "unsafe" and unsafe)


def apply_fixes(text: str, fixes: list[Fix]) -> tuple[str, int]:
    """``text`` with the fixes that do not overlap each other applied (the first in file
    order wins), and how many were applied."""
    source = SourceFile("", text)
    located = []
    for fix in fixes:
        edits = sorted(
            {(source.offset(e.span.line, e.span.column), source.offset(e.span.end_line, e.span.end_column), e.text)
             for e in fix.edits}
        )  # fmt: skip
        if all(0 <= start <= end <= len(text) for start, end, _ in edits):
            located.append(edits)
    located.sort()
    taken: list[tuple[int, int, str]] = []
    seen: set[tuple[tuple[int, int, str], ...]] = set()
    applied = 0
    for edits in located:
        if tuple(edits) in seen:  # two findings proposing the same change
            continue
        if any(_overlap(edit, other) for edit in edits for other in taken):
            continue
        if any(_overlap(a, b, same_fix=True) for i, a in enumerate(edits) for b in edits[i + 1 :]):
            continue
        seen.add(tuple(edits))
        taken.extend(edits)
        applied += 1
    pieces = []
    position = 0
    for start, end, replacement in sorted(taken):
        pieces.append(text[position:start])
        pieces.append(replacement)
        position = end
    pieces.append(text[position:])
    return "".join(pieces), applied


def _overlap(a: tuple[int, int, str], b: tuple[int, int, str], *, same_fix: bool = False) -> bool:
    """Edits touching the same characters, or an insertion inside or at either end of a
    replaced range or at the point of another insertion: which text would come first is
    a guess (an entry added at the end of a mapping another fix reorders belongs inside
    the reordered text). A fix's own edits may touch: it orders them itself."""
    (a_start, a_end, _), (b_start, b_end, _) = a, b
    if same_fix and (a_start == a_end) != (b_start == b_end):
        point, start, end = (a_start, b_start, b_end) if a_start == a_end else (b_start, a_start, a_end)
        return start < point < end
    if a_start == a_end or b_start == b_end:
        return a_start <= b_end and b_start <= a_end
    return a_start < b_end and b_start < a_end


@dataclass
class Outcome:
    #: path -> (original text, fixed text), for the files a fix changed.
    changed: dict[str, tuple[str, str]]
    #: Fixes applied, over all passes.
    applied: int
    #: (path, rule) whose fixes were left out there because they added findings.
    held: set[tuple[str, str]] = field(default_factory=set)


def fix_run(targets, options, first, unsafe: bool) -> Outcome:
    """Apply fixes to the files of ``first`` (a run's result) pass after pass, relinting
    the changed files from memory; writes nothing.

    A pass after which a file has more findings of some rule than it had at the start (a
    line made too long, a COPY now checked where the ADD was not) is undone and redone one
    rule's fixes at a time; the rules whose fixes add findings are left unapplied in that
    file, so that fixing never reports a problem that was not there."""
    from . import engine

    target_of = {t.path: t for t in targets}
    at_start: dict[str, Counter] = {}
    for finding in first.findings:
        rule = first.rules.get(finding.rule)
        if rule is None or rule.scope == "file":
            at_start.setdefault(finding.path, Counter())[finding.rule] += 1
    pending = _fixes_by_path(first.findings, first.rules, unsafe)
    originals: dict[str, str] = {}
    current: dict[str, str] = {}
    held: set[tuple[str, str]] = set()  # (path, rule): its fixes add findings there
    applied = 0
    rules = dict(first.rules)  # of every kind met so far

    def lint(texts: dict[str, str]) -> dict[str, list[Finding]]:
        """Findings of file rules in the changed files: project rules, which see only
        the files relinted here, would miss what the other files contribute."""
        relint = engine.RunOptions(**{**vars(options), "texts": {**options.texts, **texts}})
        result = engine.run([target_of[p] for p in texts], relint)
        found: dict[str, list[Finding]] = {p: [] for p in texts}
        for finding in result.findings:
            rule = result.rules.get(finding.rule)
            if rule is None or rule.scope == "file":
                found.setdefault(finding.path, []).append(finding)
        rules.update(result.rules)
        return found

    def adds_findings(path: str, findings: list[Finding]) -> bool:
        before = at_start.get(path, Counter())
        return any(n > before[rule] for rule, n in Counter(f.rule for f in findings).items())

    for _ in range(MAX_PASSES):
        proposed: dict[str, tuple[str, int]] = {}
        for path, path_fixes in pending.items():
            if path not in target_of:
                continue
            if path not in current:
                try:
                    current[path] = originals[path] = engine.read_source(path, options.texts).text
                except Exception:  # unreadable now: its parse error is reported anyway
                    continue
            text, count = apply_fixes(current[path], [fix for rule, fix in path_fixes if (path, rule) not in held])
            if text != current[path]:
                proposed[path] = (text, count)
        if not proposed:
            break
        relinted = lint({p: text for p, (text, _count) in proposed.items()})
        next_pending = {}
        for path, (text, count) in proposed.items():
            findings = relinted.get(path, [])
            if adds_findings(path, findings):
                text, count, findings = current[path], 0, None
                for rule in sorted({rule for rule, _fix in pending[path]}):
                    if (path, rule) in held:
                        continue
                    candidate, candidate_count = apply_fixes(text, [fix for r, fix in pending[path] if r == rule])
                    if candidate == text:
                        continue
                    candidate_findings = lint({path: candidate})[path]
                    if adds_findings(path, candidate_findings):
                        held.add((path, rule))
                    else:
                        text, count, findings = candidate, count + candidate_count, candidate_findings
                if findings is None:  # nothing kept: what is left to try is what was pending
                    next_pending[path] = [(r, fix) for r, fix in pending[path] if (path, r) not in held]
                    continue
            current[path] = text
            applied += count
            next_pending.update(_fixes_by_path(findings, rules, unsafe))
        pending = next_pending
    changed = {p: (originals[p], current[p]) for p in current if current[p] != originals[p]}
    return Outcome(changed, applied, held)


def _fixes_by_path(findings, rules, unsafe: bool) -> dict[str, list[tuple[str, Fix]]]:
    by_path: dict[str, list[tuple[str, Fix]]] = {}
    for finding in findings:
        if applicable(finding, rules, unsafe):
            by_path.setdefault(finding.path, []).append((finding.rule, finding.fix))
    return by_path


def unified_diff(path: str, original: str, fixed: str) -> str:
    lines = difflib.unified_diff(
        original.splitlines(keepends=True), fixed.splitlines(keepends=True), f"a/{path}", f"b/{path}"
    )
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)


def write(path: str, original: str, fixed: str) -> str | None:
    """Write ``fixed`` over ``path`` (atomically, keeping its mode and its byte-order mark);
    the reason when it is not written (a symbolic link, changed since it was read)."""
    from .engine import decode

    try:
        if os.path.islink(path) or not stat.S_ISREG(os.stat(path).st_mode):
            return "not a regular file"
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError as exc:
        return exc.strerror or str(exc)
    if decode(data) != original:
        return "changed while lintkit was fixing it"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16 files are not rewritten"
    encoded = (b"\xef\xbb\xbf" if data.startswith(b"\xef\xbb\xbf") else b"") + fixed.encode("utf-8", "surrogateescape")
    temporary = os.path.join(os.path.dirname(path) or ".", f".{os.path.basename(path)}.lintkit-{os.getpid()}.tmp")
    try:
        with open(temporary, "xb") as fh:
            fh.write(encoded)
        os.chmod(temporary, stat.S_IMODE(os.stat(path).st_mode))
        os.replace(temporary, path)
    except OSError as exc:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        return exc.strerror or str(exc)
    return None


def fix_from_cli(request, targets, options, result):
    """``check --fix``/``--diff``: (the result to report, the exit status when the run
    ends here, the stream the report goes to when stdout carries the fixed text)."""
    import sys

    import click

    from . import engine
    from .registry import UsageError

    if not (request.fix or request.diff):
        raise UsageError("--unsafe-fixes applies with --fix or --diff")
    outcome = fix_run(targets, options, result, request.unsafe_fixes)
    if request.diff:
        for path in sorted(outcome.changed):
            original, fixed = outcome.changed[path]
            click.echo(unified_diff(path, original, fixed), nl=False)
        return result, 1 if outcome.changed else 0, None
    report_stream = None
    texts = dict(options.texts)
    written = 0
    for path, (original, fixed) in sorted(outcome.changed.items()):
        if path in options.texts:  # stdin: the fixed text goes to stdout, the report to stderr
            texts[path] = fixed
            continue
        reason = write(path, original, fixed)
        if reason:
            click.echo(f"lintkit: {path} not fixed: {reason}", err=True)
        else:
            written += 1
    if options.texts:
        for path in options.texts:
            text = texts[path]
            sys.stdout.write(text if isinstance(text, str) else engine.decode(text))
        sys.stdout.flush()
        report_stream = sys.stderr
    if not request.quiet:
        files = len(outcome.changed)
        click.echo(f"lintkit: applied {outcome.applied} fix{'' if outcome.applied == 1 else 'es'} "
                   f"in {files} file{'' if files == 1 else 's'}", err=True)
    if not outcome.changed:
        return result, None, report_stream
    again = engine.run(targets, engine.RunOptions(**{**vars(options), "texts": texts}))
    return again, None, report_stream
