"""The shared vocabulary: severities, spans, findings and rule metadata.

Everything here is small, immutable where it can be, and picklable, because findings and
rule results cross process boundaries when ``--jobs`` runs files in parallel.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field, fields
from typing import Any, Callable, Iterable

KINDS = ("dockerfile", "compose", "kubernetes", "ansible", "gitlab-ci", "github-actions")

#: Rule id prefix -> kind. ``LK`` rules belong to the engine and apply to every kind.
KIND_BY_PREFIX = {
    "DF": "dockerfile",
    "DC": "compose",
    "K8": "kubernetes",
    "AN": "ansible",
    "GL": "gitlab-ci",
    "GH": "github-actions",
    "LK": None,
}

TAGS = ("security", "reliability", "performance", "maintainability", "style")


class Severity(str, enum.Enum):
    """Finding severity; ``rank`` orders them (higher is more severe)."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"
    STYLE = "style"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]

    @classmethod
    def parse(cls, value: str | Severity) -> Severity:
        if isinstance(value, Severity):
            return value
        try:
            return cls(value.lower())
        except ValueError:
            raise ValueError(
                f"unknown severity {value!r} (expected one of: {', '.join(s.value for s in cls)})"
            ) from None


_SEVERITY_RANK = {Severity.STYLE: 0, Severity.INFO: 1, Severity.WARNING: 2, Severity.ERROR: 3}


@dataclass(frozen=True, slots=True)
class Span:
    """A region of a file. Lines and columns are 1-based; ``end_column`` is exclusive
    (the column just after the last character), as in SARIF."""

    line: int
    column: int
    end_line: int
    end_column: int

    @classmethod
    def point(cls, line: int, column: int = 1) -> Span:
        return cls(line, column, line, column + 1)

    def contains_line(self, line: int) -> bool:
        return self.line <= line <= self.end_line

    def __reduce__(self):
        # Positional arguments pickle in a fraction of the space of slot-state dicts; spans
        # cross process boundaries by the thousand with --jobs.
        return (Span, (self.line, self.column, self.end_line, self.end_column))


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace the text of ``span`` with ``text`` (an empty text deletes)."""

    span: Span
    text: str


@dataclass(frozen=True, slots=True)
class Fix:
    description: str
    edits: tuple[Edit, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "description": self.description,
            "edits": [
                {
                    "line": e.span.line,
                    "column": e.span.column,
                    "end_line": e.span.end_line,
                    "end_column": e.span.end_column,
                    "text": e.text,
                }
                for e in self.edits
            ],
        }


@dataclass(slots=True)
class Problem:
    """What a rule's check yields: where, what, and optionally how to fix it.

    ``path`` is only set by project rules (which see many files) to say which file the
    problem is in; per-file rules leave it ``None``. ``aliases`` adds ids that name this
    particular problem in another tool (a ShellCheck ``SC2086`` under the rule that runs
    ShellCheck), on top of the rule's own aliases. ``secret_spans`` are where the secret
    value a problem is about is written: reporters mask them in every line they show
    (``secrets.mask_line``), so a rule that reports a secret gives them.
    """

    span: Span
    message: str
    fix: Fix | None = None
    path: str | None = None
    aliases: tuple[str, ...] = ()
    secret_spans: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class Finding:
    """A problem resolved against its rule, file and effective severity."""

    rule: str
    name: str
    severity: Severity
    message: str
    path: str
    kind: str | None
    span: Span
    aliases: tuple[str, ...] = ()
    fix: Fix | None = None
    #: Where the secret value the finding is about is written (never part of any output).
    secret_spans: tuple[Span, ...] = ()

    @property
    def line(self) -> int:
        return self.span.line

    @property
    def column(self) -> int:
        return self.span.column

    def sort_key(self) -> tuple:
        return (self.path, self.span.line, self.span.column, self.rule)

    def __reduce__(self):
        # Positional arguments, in field order: a new field needs no change here.
        return (Finding, tuple(getattr(self, name) for name in _FINDING_FIELDS))

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "name": self.name,
            "severity": self.severity.value,
            "message": self.message,
            "path": self.path,
            "kind": self.kind,
            "line": self.span.line,
            "column": self.span.column,
            "end_line": self.span.end_line,
            "end_column": self.span.end_column,
            "aliases": list(self.aliases),
            "fix": self.fix.to_dict() if self.fix else None,
        }


_FINDING_FIELDS = tuple(f.name for f in fields(Finding))


@dataclass(frozen=True, slots=True)
class Example:
    """A documented example: ``bad`` must make the rule fire, ``good`` must not.

    ``filename`` is the name the snippet is linted under (it decides the kind, e.g.
    ``docker-compose.yml`` or ``roles/web/tasks/main.yml``). Project rules may give
    ``files``: extra files (name -> text) that sit beside the snippet in both cases.
    ``options`` are the rule's options for this example, for rules that only fire once
    configured (an allow-list of registries).
    """

    bad: str
    good: str
    filename: str | None = None
    files: tuple[tuple[str, str], ...] = ()
    options: tuple[tuple[str, Any], ...] = ()


CheckFn = Callable[..., Iterable[Problem]]


@dataclass(eq=False)
class Rule:
    """Metadata and check of one rule (the contract in DESIGN.md).

    ``check`` is a generator function. For ``scope="file"`` it is called as
    ``check(document, ctx)`` once per file of the rule's kind. A ``scope="project"`` rule
    sees every file of its kind at once, in two steps that let files be parsed in
    parallel processes: ``collect(document, ctx)`` runs beside the file rules and returns
    picklable facts about one file (or None when the file has nothing to contribute);
    then ``check(facts, ctx)`` runs once with ``facts`` mapping each path to what was
    collected there, and yields problems carrying their ``path``.

    A rule that ``reports_secrets`` gives the ``secret_spans`` of its problems; the engine
    runs it even when it is not selected, for those spans only, so that no report shows the
    secrets it knows how to find.
    """

    id: str
    name: str
    severity: Severity
    summary: str
    rationale: str
    check: CheckFn
    kind: str | None = None
    tags: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    examples: tuple[Example, ...] = ()
    fixable: bool = False
    enabled: bool = True
    scope: str = "file"
    #: JSON Schema of the rule's options (an object schema whose properties carry defaults).
    options: dict[str, Any] = field(default_factory=dict)
    collect: Callable[..., Any] | None = None
    reports_secrets: bool = False

    def __post_init__(self) -> None:
        prefix = self.id[:2]
        if prefix not in KIND_BY_PREFIX or not self.id[2:].isdigit():
            raise ValueError(f"rule id {self.id!r} must be a known prefix followed by digits")
        if self.kind is None:
            self.kind = KIND_BY_PREFIX[prefix]
        if self.scope not in ("file", "project"):
            raise ValueError(f"rule {self.id}: scope must be 'file' or 'project'")
        if (self.scope == "project") != (self.collect is not None):
            raise ValueError(f"rule {self.id}: a project rule needs collect=, a file rule none")
        if self.reports_secrets and self.scope != "file":
            raise ValueError(f"rule {self.id}: only a file rule can report secrets")
        self.severity = Severity.parse(self.severity)
        unknown = set(self.tags) - set(TAGS)
        if unknown:
            raise ValueError(f"rule {self.id}: unknown tags {sorted(unknown)}")

    @property
    def option_defaults(self) -> dict[str, Any]:
        props = self.options.get("properties", {})
        return {k: v["default"] for k, v in props.items() if "default" in v}

    def __repr__(self) -> str:
        return f"<Rule {self.id} {self.name}>"


def rule(
    *,
    id: str,
    name: str,
    severity: str | Severity,
    summary: str,
    rationale: str,
    tags: Iterable[str] = (),
    aliases: Iterable[str] = (),
    examples: Iterable[Example] = (),
    fixable: bool = False,
    enabled: bool = True,
    options: dict[str, Any] | None = None,
    kind: str | None = None,
    collect: Callable[..., Any] | None = None,
    reports_secrets: bool = False,
) -> Callable[[CheckFn], Rule]:
    """Decorator turning a check generator into a :class:`Rule` (a project rule when
    ``collect`` is given).

    A rule module reads::

        @rule(id="DF007", name="no-dist-upgrade", severity="warning", summary=..., ...)
        def check(dockerfile, ctx):
            ...
            yield Problem(span, "message")
    """

    def wrap(fn: CheckFn) -> Rule:
        return Rule(
            id=id,
            name=name,
            severity=Severity.parse(severity),
            summary=summary,
            rationale=rationale,
            check=fn,
            kind=kind,
            tags=tuple(tags),
            aliases=tuple(aliases),
            examples=tuple(examples),
            fixable=fixable,
            enabled=enabled,
            scope="project" if collect is not None else "file",
            options=options or {},
            collect=collect,
            reports_secrets=reports_secrets,
        )

    return wrap


class ParseError(Exception):
    """Raised by a parser when a file cannot be read as its kind; becomes ``parse-error``."""

    def __init__(self, message: str, span: Span | None = None):
        super().__init__(message)
        self.message = message
        self.span = span or Span(1, 1, 1, 1)


@dataclass
class RuleContext:
    """What a check gets besides the document: its options and the run's settings."""

    rule: Rule
    options: dict[str, Any]
    settings: dict[str, Any] = field(default_factory=dict)
