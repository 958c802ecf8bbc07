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

_ID_CHARACTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")


def is_rule_id(text: str) -> bool:
    """A rule id: a capital letter, capitals, digits or ``_``, and a final digit. Built-in
    ids use a kind prefix (DF008); plugins and policies bring their own prefix (ACME001).
    Checked without a regular expression, which would backtrack on a long invalid id."""
    return bool(text) and "A" <= text[0] <= "Z" and text[-1].isdigit() and set(text) <= _ID_CHARACTERS


def is_builtin_id(rule_id: str) -> bool:
    """``DF008``, ``K8001``, ``LK003``: an id in one of lintkit's own prefixes."""
    return rule_id[:2] in KIND_BY_PREFIX and rule_id[2:].isdigit()


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
    #: The fix keeps what the file means (an editor applies it on "fix all"); a fix that
    #: may change behaviour is offered one at a time only. Set from ``Rule.fix`` by the
    #: engine: the rule's metadata is where safety is decided.
    safe: bool = True

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


@dataclass(frozen=True, slots=True)
class Related:
    """Another place one finding is about: another token it covers (each package of one
    unpinned install), or where a duplicated key was first set. ``path`` None: the
    finding's own file."""

    span: Span
    message: str
    path: str | None = None

    def to_dict(self) -> dict[str, Any]:
        s = self.span
        found = {"line": s.line, "column": s.column, "end_line": s.end_line, "end_column": s.end_column,
                 "message": self.message}
        if self.path is not None:
            found["path"] = self.path
        return found


@dataclass(slots=True)
class Problem:
    """What a rule's check yields: where, what, and optionally how to fix it.

    ``path`` is only set by project rules (which see many files) to say which file the
    problem is in; per-file rules leave it ``None``. ``aliases`` adds ids that name this
    particular problem in another tool (a ShellCheck ``SC2086`` under the rule that runs
    ShellCheck), on top of the rule's own aliases. ``exact_aliases`` replaces the rule's
    aliases instead: a rule that stands for several checks of another tool names the ones
    this problem reproduces (one control-plane flag's CKV_K8S id), so that suppressing or
    selecting by that id means this problem only. ``related``: the other tokens one problem
    covers, reported once (the packages of one install).
    ``secret_spans`` are where the secret value a problem is about is written: reporters
    mask them in every line they show (``secrets.mask_line``), so a rule that reports a
    secret gives them.
    """

    span: Span
    message: str
    fix: Fix | None = None
    path: str | None = None
    aliases: tuple[str, ...] = ()
    exact_aliases: tuple[str, ...] | None = None
    related: tuple[Related, ...] = ()
    secret_spans: tuple[Span, ...] = ()


def covering(tokens: list[tuple[Span, str]], message: str) -> Problem:
    """One problem for the offending tokens of one instruction or node (the unpinned
    packages of an install): at the first token, naming them all in the message, each one
    a related location when there are several."""
    names = list(dict.fromkeys(name for _span, name in tokens))
    related = tuple(Related(span, name) for span, name in tokens) if len(tokens) > 1 else ()
    return Problem(tokens[0][0], f"{message} ({', '.join(names)})", related=related)


@dataclass(frozen=True, slots=True)
class SuppressionInfo:
    """Why a finding is not counted: a suppression written in the file (SARIF's
    ``inSource``), with the reason its author gave (``-- reason``) and its expiry."""

    kind: str
    justification: str | None = None
    until: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "justification": self.justification, "until": self.until}


@dataclass(frozen=True, slots=True)
class Finding:
    """A problem resolved against its rule, file and effective severity. ``suppression``
    is set on a finding a suppression comment silenced: reporters that show suppressed
    findings (JSON, SARIF, statistics) get them apart from the counted ones."""

    rule: str
    name: str
    severity: Severity
    message: str
    path: str
    kind: str | None
    span: Span
    aliases: tuple[str, ...] = ()
    fix: Fix | None = None
    related: tuple[Related, ...] = ()
    suppression: SuppressionInfo | None = None
    #: What identifies the finding apart from its position, for baselines: the normalised
    #: text of the statement or YAML key path it is in and of its span (``lintkit.baseline``).
    #: Set only when a run asks for it.
    context: str | None = None
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
            "related": [r.to_dict() for r in self.related],
            **({"suppression": self.suppression.to_dict()} if self.suppression else {}),
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


@dataclass(frozen=True, eq=False)
class Facts:
    """What project rules know about each file, and how they see the whole set.

    ``collect(document, ctx)`` runs once per file (however many rules share these facts)
    beside the file rules and returns picklable facts about it, or None when the file has
    nothing to contribute. Once every file is linted, ``combine(facts_by_path, ctx)``
    (when given) runs once for the run and what it returns (an index, the assembled GitLab
    pipelines) is what each sharing rule's ``check`` receives; without ``combine`` it
    receives ``facts_by_path`` itself. ``name`` identifies the facts in a run and in the
    cache: rules sharing facts share the object.

    Neither step reads other files directly: what they look at goes through
    :mod:`lintkit.workspace`, which records it as the file's (or the set's) dependencies.
    """

    name: str
    collect: Callable[..., Any]
    combine: Callable[[dict[str, Any], Any], Any] | None = None


@dataclass(eq=False)
class Rule:
    """Metadata and check of one rule (the contract in DESIGN.md).

    ``check`` is a generator function. For ``scope="file"`` it is called as
    ``check(document, ctx)`` once per file of the rule's kind. A ``scope="project"`` rule
    sees every file of its kind at once, in two steps that let files be parsed in
    parallel processes: ``collect(document, ctx)`` runs beside the file rules and returns
    picklable facts about one file (or None when the file has nothing to contribute);
    then ``check(facts, ctx)`` runs once with ``facts`` mapping each path to what was
    collected there, and yields problems carrying their ``path``. ``collect`` is a
    function (facts of this rule alone) or a :class:`Facts` shared by several rules, whose
    ``combine`` then decides what ``check`` receives; :attr:`facts` is the
    :class:`Facts` either way.

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
    #: Where the rule comes from when not from a plugin's package: a policy file and line.
    origin: str = ""
    #: Every kind a rule given once per kind covers (a policy's rules share their id).
    kinds: tuple[str, ...] = ()
    #: URLs of documentation that explains the problem (Docker, Kubernetes, Ansible,
    #: GitLab, GitHub docs), beyond the pages of the tools named by ``aliases``.
    references: tuple[str, ...] = ()
    #: A notice about the run (what lintkit could not lint, such as an unrendered Helm
    #: chart) rather than a problem in a file: shown like any finding, never fails the run.
    notice: bool = False
    facts: Facts | None = None
    #: How safe the rule's fixes are: "safe" (the file means the same, or strictly what the
    #: rule asks), "unsafe" (behaviour may change: applied with --unsafe-fixes only), or
    #: None (no fix). A rule with a fix is ``fixable``.
    fix: str | None = None
    reports_secrets: bool = False

    def __post_init__(self) -> None:
        if isinstance(self.collect, Facts):
            self.facts, self.collect = self.collect, self.collect.collect
        elif self.collect is not None and self.facts is None:
            self.facts = Facts(self.id, self.collect)
        if is_builtin_id(self.id):
            if self.kind is None:
                self.kind = KIND_BY_PREFIX[self.id[:2]]
        elif not is_rule_id(self.id):
            raise ValueError(f"rule id {self.id!r} must be a prefix of capital letters followed by digits (ACME001)")
        elif self.kind not in KINDS:
            raise ValueError(f"rule {self.id}: a rule with its own prefix must name its kind (one of {', '.join(KINDS)})")
        if self.scope not in ("file", "project"):
            raise ValueError(f"rule {self.id}: scope must be 'file' or 'project'")
        if (self.scope == "project") != (self.collect is not None):
            raise ValueError(f"rule {self.id}: a project rule needs collect=, a file rule none")
        if self.reports_secrets and self.scope != "file":
            raise ValueError(f"rule {self.id}: only a file rule can report secrets")
        self.severity = Severity.parse(self.severity)
        if self.fix not in (None, "safe", "unsafe"):
            raise ValueError(f"rule {self.id}: fix must be 'safe', 'unsafe' or None")
        if self.fix is not None:
            self.fixable = True
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
    collect: Callable[..., Any] | Facts | None = None,
    references: Iterable[str] = (),
    fix: str | None = None,
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
            references=tuple(references),
            fix=fix,
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
