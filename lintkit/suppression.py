"""Inline suppression comments, lintkit's own and the forms other linters' users already have.

========================================  ============================================
``# lintkit: ignore=DF008,apt-upgrade``   alone on a line: the statement below it (a whole
                                          Dockerfile instruction, YAML line); at the end of
                                          a line: the statement starting on that line
``# lintkit: ignore-file=DL3008``         the whole file
``# hadolint ignore=DL3008,DL3015``       the instruction below (``global ignore=``: file)
``# checkov:skip=CKV_K8S_8: reason``      the resource around it (Kubernetes object); the
                                          whole file where there is none (a Dockerfile)
``# noqa: package-latest`` / ``# noqa``   the Ansible task (or line) it is written in
``# zizmor: ignore[unpinned-uses]``       the workflow step or job (or line) it is in
``# dclint disable-line <rule>``          the line (``disable-next-line``: the next one;
                                          ``disable [rules]``, ``disable-file``: the file)
========================================  ============================================

Selectors are rule ids, names or aliases; a reason may follow `` -- `` (lintkit) or ``:``
(Checkov), and is kept as the suppression's justification (JSON, SARIF, ``--statistics``).
lintkit's own comment may carry an expiry, ``# lintkit: ignore=DF008 until=2027-03-31 --
reason``: after that day it silences nothing and ``expired-suppression`` says so. A
lintkit comment naming no rule lintkit knows is ``invalid-suppression`` (a typo such as
``apt-pin-versoins`` must not pass silently); other tools' comments may name rules only
that tool has. Another tool's comment without rule names silences what that tool would have
reported (every rule carrying one of its aliases), not lintkit's other rules. Kinds contribute the statement spans (``suppression_scopes()``) and
structural suppressions such as kube-linter's ``ignore-check.kube-linter.io/<check>``
annotation (``suppressions()``).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, replace

from .model import Finding, Span, SuppressionInfo
from .registry import alias_matches
from .source import SourceFile

_LINTKIT = re.compile(r"lintkit:\s*(ignore|ignore-file)\s*=\s*([^\s#]+(?:\s*,\s*[^\s#]+)*)")
_HADOLINT = re.compile(r"hadolint\s+(global\s+)?ignore\s*=\s*([A-Za-z0-9_,\s-]+)")
_CHECKOV = re.compile(r"checkov:skip=\s*([A-Za-z0-9_]+)")
_DCLINT = re.compile(r"dclint\s+(disable-file|disable-next-line|disable-line|disable)\b\s*([A-Za-z0-9_\-\s,]*)")
_ZIZMOR = re.compile(r"zizmor:\s*ignore\[([^\]]+)\]")
#: `# noqa` or `# noqa: id, id`. Possessive: the ids may hold blanks, as may what comes
#: before and after them, and sharing a run of blanks out every way is quadratic in it.
_NOQA = re.compile(r"noqa(?::?\s++([A-Za-z0-9_\-\[\]\s,]++)?)?\s*$|noqa\s*$")
_MARKERS = ("lintkit:", "hadolint", "checkov:skip", "noqa", "zizmor:", "dclint")


@dataclass(slots=True)
class Suppression:
    """Selectors (``None``: every rule) silenced on lines ``start``..``end``."""

    selectors: tuple[str, ...] | None
    start: int
    end: int
    span: Span  # where the comment (or annotation) is written
    text: str
    used: bool = False
    #: The reason written after `` -- `` (``:`` for Checkov), if any.
    justification: str | None = None
    #: ``until=`` as written in a lintkit comment (``YYYY-MM-DD``), if any.
    until: str | None = None
    #: Written as lintkit's own comment, whose selectors must name lintkit rules.
    own: bool = False

    def expired(self, today: datetime.date) -> bool:
        """Past its ``until=`` day (a date that does not parse never expires: it is
        reported as invalid and the suppression is not applied either)."""
        expiry = parse_until(self.until)
        return expiry is not None and expiry < today

    def applies(self, today: datetime.date) -> bool:
        """Not past its ``until=`` day, and that day (if given) is a date."""
        return self.until is None or (parse_until(self.until) is not None and not self.expired(today))

    def info(self) -> SuppressionInfo:
        return SuppressionInfo("inSource", self.justification, self.until)

    def covers(self, finding: Finding) -> bool:
        if not self.start <= finding.span.line <= self.end:
            return False
        if self.selectors is None:
            return True
        return any(selects(s, finding) for s in self.selectors)


def selects(selector: str, finding: Finding) -> bool:
    lowered = selector.lower()
    if lowered in ("all", finding.rule.lower(), finding.name):
        return True
    if lowered.endswith(":*"):  # every rule another tool knows (its comment named no rule)
        return any(a.lower().startswith(lowered[:-1]) for a in finding.aliases)
    return any(alias_matches(selector, a) for a in finding.aliases)


def parse_until(until: str | None) -> datetime.date | None:
    """The day an ``until=`` names, or None (none given, or not an ISO date)."""
    if until is None or not _ISO_DAY.fullmatch(until):
        return None
    try:
        return datetime.date.fromisoformat(until)
    except ValueError:
        return None


_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _lintkit_tail(rest: str) -> tuple[str | None, str | None]:
    """``until=2027-03-31 -- reason`` after a lintkit comment's selectors -> (until,
    justification)."""
    rest = rest.strip()
    until = None
    if rest.startswith("until="):
        value, _, rest = rest[len("until="):].partition(" ")
        until, rest = value, rest.strip()
    return until, _justification(rest)


def _justification(rest: str) -> str | None:
    """The reason after `` -- `` (or ``--`` starting the rest), stripped; None if empty."""
    if rest.startswith("--"):
        reason = rest[2:]
    else:
        _, separator, reason = rest.partition(" -- ")
        if not separator:
            return None
    return reason.strip() or None


def _split(selectors: str) -> tuple[str, ...]:
    return tuple(s for s in re.split(r"[\s,]+", selectors.strip()) if s)


class _Scopes:
    def __init__(self, scopes: list[Span]):
        self.scopes = scopes
        self.starting: dict[int, Span] = {}
        for s in scopes:
            known = self.starting.get(s.line)
            if known is None or (s.end_line - s.line) < (known.end_line - known.line):
                self.starting[s.line] = s

    def starting_at(self, line: int) -> tuple[int, int]:
        s = self.starting.get(line)
        return (s.line, s.end_line) if s else (line, line)

    def containing(self, line: int, *, largest: bool) -> tuple[int, int] | None:
        found = [s for s in self.scopes if s.line <= line <= s.end_line]
        if not found:
            return None
        pick = (max if largest else min)(found, key=lambda s: s.end_line - s.line)
        return pick.line, pick.end_line


def scan(source: SourceFile, scopes: list[Span] = (), extra: list[Suppression] = ()) -> list[Suppression]:
    """Every suppression written in ``source`` (plus the kind's structural ones)."""
    found = list(extra)
    text = source.text
    if "#" not in text or not any(m in text for m in _MARKERS):
        return found
    index = _Scopes(list(scopes))
    lines = source.lines
    last_line = len(lines)

    def next_code_line(after: int) -> int:
        for n in range(after + 1, last_line + 1):
            stripped = lines[n - 1].strip()
            if stripped and not stripped.startswith("#"):
                return n
        return after

    for number, line in enumerate(lines, start=1):
        hash_at = line.find("#")
        if hash_at == -1:
            continue
        comment = line[hash_at + 1 :].strip()
        if not comment.startswith(_MARKERS):
            continue
        own_line = not line[:hash_at].strip()
        span = Span(number, hash_at + 1, number, len(line) + 1)
        text_written = line[hash_at:].strip()

        if m := _LINTKIT.match(comment):
            selectors = _split(m.group(2))
            until, reason = _lintkit_tail(comment[m.end():])
            if m.group(1) == "ignore-file":
                start, end = 1, last_line
            else:
                target = next_code_line(number) if own_line else number
                start, end = index.starting_at(target)
            found.append(Suppression(selectors, start, end, span, text_written, justification=reason,
                                     until=until, own=True))
        elif m := _HADOLINT.match(comment):
            selectors = _split(m.group(2))
            if m.group(1):
                found.append(Suppression(selectors, 1, last_line, span, text_written))
            else:
                start, end = index.starting_at(next_code_line(number))
                found.append(Suppression(selectors, start, end, span, text_written))
        elif m := _CHECKOV.match(comment):
            region = index.containing(number, largest=True) or (1, last_line)
            reason = comment[m.end():].lstrip(":").strip() or None
            found.append(Suppression((m.group(1),), region[0], region[1], span, text_written, justification=reason))
        elif m := _DCLINT.match(comment):
            names = _split(m.group(2))
            selectors = tuple(f"dclint:{n}" for n in names) or ("dclint:*",)
            form = m.group(1)
            if form in ("disable", "disable-file"):
                start, end = 1, last_line
            else:
                start = end = next_code_line(number) if (own_line or form == "disable-next-line") else number
            found.append(Suppression(selectors, start, end, span, text_written))
        elif m := _ZIZMOR.match(comment):
            selectors = tuple(f"zizmor:{audit}" for audit in _split(m.group(1)))
            region = index.containing(number, largest=False) or (number, number)
            found.append(Suppression(selectors, region[0], region[1], span, text_written))
        elif m := _NOQA.match(comment):
            # ansible-lint's rule ids, as written or as the aliases lintkit's rules carry.
            names = _split(m.group(1)) if m.group(1) else ()
            selectors = tuple(s for n in names for s in (n, f"ansible-lint:{n}")) or None
            region = index.containing(number, largest=False) or (number, number)
            found.append(Suppression(selectors or None, region[0], region[1], span, text_written))
    return found


def apply(findings: list[Finding], suppressions: list[Suppression],
          today: datetime.date | None = None) -> tuple[list[Finding], list[Finding]]:
    """(findings no suppression covers, the others marked with the first suppression that
    covers them); marks the suppressions that were used. Expired suppressions and those
    with an ``until=`` that is not a date cover nothing."""
    if not suppressions:
        return findings, []
    today = today or datetime.date.today()
    active = [s for s in suppressions if s.applies(today)]
    kept = []
    suppressed = []
    for finding in findings:
        first = None
        for s in active:
            if s.covers(finding):
                s.used = True
                first = first or s
        if first is None:
            kept.append(finding)
        else:
            suppressed.append(replace(finding, suppression=first.info()))
    return kept, suppressed


def governance_problems(suppressions: list[Suppression], known, today: datetime.date | None = None):
    """(rule, span, message) for each lintkit comment that has expired, whose ``until=``
    is not a date, or that names a rule no ``known(selector)`` recognises; ``rule`` is
    ``"expired"`` or ``"invalid"``."""
    today = today or datetime.date.today()
    for s in suppressions:
        if not s.own:
            continue
        if s.until is not None and parse_until(s.until) is None:
            yield "invalid", s.span, f"until={s.until} is not a date (expected YYYY-MM-DD): the suppression is not applied"
        elif s.expired(today):
            silenced = ", ".join(s.selectors or ("every rule",))
            yield "expired", s.span, f"suppression of {silenced} expired on {s.until} and no longer applies"
        unknown = [selector for selector in s.selectors or () if not known(selector)]
        if unknown:
            names = ", ".join(map(repr, unknown))
            yield "invalid", s.span, f"suppression names no rule lintkit knows: {names} (see `lintkit rules`)"
