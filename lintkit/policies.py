"""Policies as data: a team's own rules over the cross-kind subjects, in CEL or JSON Schema.

A policy file holds ``policies:``, a list of::

    - id: ACME001                     # the team's own prefix and digits
      name: trusted-registry          # kebab-case
      severity: error
      message: images come from registry.corp.example only
      subject: image                  # image, container or object (lintkit/subjects.py)
      kinds: [dockerfile, compose]    # optional: default every kind that has the subject
      where: 'image.tag != ""'        # optional CEL filter
      assert: 'image.registry == "registry.corp.example"'   # CEL, true when compliant
      # or schema: {JSON Schema the subject's data must satisfy}
      message_expression: '"image " + image.reference + " is not trusted"'   # optional
      tests: [...]                    # run by `lintkit policy test`

Each policy becomes a rule (one per kind it covers, all with the policy's id), so its
findings go through suppression, selection, baselines and every output format like a
built-in rule's. A broken policy is a :class:`~lintkit.registry.UsageError` (exit 2) that
names the file, the line, the id and what is wrong, before any file is linted.

CEL is evaluated by cel-expr-python, the CEL project's own C++ implementation (see the
reason in pyproject.toml); it is imported only when a run has policies.
"""

from __future__ import annotations

import dataclasses
import os
import re
from dataclasses import dataclass, field
from typing import Any

from .hookspecs import hookimpl
from .model import KIND_BY_PREFIX, KINDS, Problem, Rule, Severity, is_rule_id
from .registry import UsageError
from .subjects import KINDS_OF_SUBJECT, SUBJECTS, Subject, subjects

NAME = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
POLICY_KEYS = frozenset(
    ("id", "name", "severity", "message", "subject", "kinds", "where", "assert", "schema",
     "message_expression", "tests", "summary", "rationale", "tags")
)  # fmt: skip
#: ``subject.a.b.c`` in an assertion: the fields it reads, for placing a finding on the
#: failing field. Applied to the policy's own expression, never to linted content.
FIELD_PATH = re.compile(r"\b(image|container|object)((?:\.[A-Za-z_][A-Za-z0-9_]*)+)")
#: CEL ints are 64-bit; YAML integers beyond are passed as doubles.
INT64 = 2**63 - 1
#: Data nested deeper than this is cut off (CEL cannot reach deeper paths in practice).
MAX_DEPTH = 64


@dataclass
class Policy:
    id: str
    name: str
    severity: Severity
    message: str
    subject: str
    kinds: tuple[str, ...]
    path: str
    line: int
    where: Any = None
    check: Any = None  # compiled CEL assertion
    schema: dict | None = None
    message_expression: Any = None
    assert_text: str = ""
    where_text: str = ""
    message_text: str = ""
    tests: list = field(default_factory=list)
    summary: str = ""
    rationale: str = ""
    tags: tuple[str, ...] = ()

    @property
    def fields(self) -> list[tuple[str, ...]]:
        """The subject fields the assertion reads, in order of appearance."""
        return [tuple(m.group(2)[1:].split(".")) for m in FIELD_PATH.finditer(self.assert_text) if m.group(1) == self.subject]


class PolicyError(UsageError):
    """A policy that cannot be used: its file, line and id are in the message."""


_ENVIRONMENTS: dict[str, Any] = {}


def _environment(subject: str):
    """One CEL environment per subject type, shared by every policy of that subject, so
    that one activation of a subject's data serves all of them (handing the data to CEL
    costs more than evaluating an expression)."""
    if subject not in _ENVIRONMENTS:
        from cel_expr_python import cel

        _ENVIRONMENTS[subject] = cel.NewEnv(variables={subject: cel.Type.DYN})
    return _ENVIRONMENTS[subject]


def _compile(env, text: Any, where: str, fail) -> Any:
    if not isinstance(text, str) or not text.strip():
        fail(f"{where} must be a CEL expression (a non-empty string)")
    try:
        return env.compile(text)
    except RuntimeError as exc:
        detail = str(exc).replace("INVALID_ARGUMENT: ", "").strip().splitlines()[0]
        fail(f"{where}: CEL error: {detail}")


_SCALARS = (str, bool, float, type(None))


def plain(value: Any, depth: int = 0) -> Any:
    """A YAML value as CEL can take it: plain dicts with string keys, lists, scalars."""
    if type(value) in _SCALARS:
        return value
    if isinstance(value, int):
        value = int(value)
        return value if -INT64 <= value <= INT64 else float(value) if value.bit_length() < 1000 else None
    if isinstance(value, str):  # tagged YAML scalars (!vault, !reference)
        return str(value)
    if depth >= MAX_DEPTH:
        return None
    if isinstance(value, dict):
        return {k if type(k) is str else str(k): plain(v, depth + 1) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v, depth + 1) for v in value]
    if isinstance(value, float):
        return float(value)
    return str(value)


def load(paths: list[str]) -> list[Policy]:
    """Every policy of the given files and folders (``*.yaml``/``*.yml`` in a folder)."""
    files: list[str] = []
    for path in paths:
        if os.path.isdir(path):
            files.extend(
                os.path.join(path, name) for name in sorted(os.listdir(path)) if name.endswith((".yaml", ".yml"))
            )
        elif os.path.isfile(path):
            files.append(path)
        else:
            raise PolicyError(f"--policy {path}: no such file or folder")
    policies: list[Policy] = []
    seen: dict[str, Policy] = {}
    for path in files:
        for policy in _load_file(path):
            if policy.id in seen:
                first = seen[policy.id]
                raise PolicyError(
                    f"{policy.path}:{policy.line}: policy {policy.id}: duplicate id (also defined at "
                    f"{first.path}:{first.line})"
                )
            seen[policy.id] = policy
            policies.append(policy)
    return policies


def _load_file(path: str) -> list[Policy]:
    from . import yamlmodel
    from .model import ParseError
    from .source import SourceFile

    try:
        with open(path, encoding="utf-8") as fh:
            source = SourceFile(path, fh.read())
        documents = yamlmodel.load(source)
    except (OSError, UnicodeDecodeError) as exc:
        raise PolicyError(f"{path}: cannot read policy file: {exc}") from None
    except ParseError as exc:
        raise PolicyError(f"{path}:{exc.span.line}: not valid YAML: {exc.message}") from None
    root = documents[0].root if documents else None
    if not isinstance(root, yamlmodel.YMap) or not isinstance(root.get("policies"), yamlmodel.YSeq):
        raise PolicyError(f"{path}:1: a policy file holds a list under `policies:`")
    entries = root["policies"]
    return [_policy(path, entry, entries.item_span(index).line) for index, entry in enumerate(entries)]


def _policy(path: str, entry: Any, line: int) -> Policy:
    from .yamlmodel import YMap

    label = f"{path}:{line}: policy"
    if not isinstance(entry, YMap):
        raise PolicyError(f"{label}: each policy is a mapping")
    policy_id = entry.get("id")
    label = f"{path}:{line}: policy {policy_id}" if isinstance(policy_id, str) else label

    def fail(message: str, key: str | None = None) -> None:
        at = entry.key_span(key).line if key is not None and key in entry else line
        raise PolicyError(f"{path}:{at}: policy {policy_id or '(no id)'}: {message}")

    unknown = sorted(str(k) for k in entry if k not in POLICY_KEYS)
    if unknown:
        fail(f"unknown key(s) {', '.join(unknown)} (expected: {', '.join(sorted(POLICY_KEYS))})", unknown[0])
    if not isinstance(policy_id, str) or not is_rule_id(policy_id):
        fail("id must be a prefix of capital letters and digits, such as ACME001", "id")
    if policy_id[:2] in KIND_BY_PREFIX and policy_id[2:].isdigit():
        fail(f"id prefix {policy_id[:2]} is lintkit's own; use your own prefix (ACME001)", "id")
    name = entry.get("name")
    if not isinstance(name, str) or not NAME.fullmatch(name):
        fail("name must be kebab-case (trusted-registry)", "name")
    try:
        severity = Severity.parse(entry.get("severity", "error"))
    except (ValueError, AttributeError) as exc:
        fail(str(exc), "severity")
    message = entry.get("message")
    if not isinstance(message, str) or not message.strip():
        fail("message is required", "message")
    subject = entry.get("subject")
    if subject not in SUBJECTS:
        fail(f"unknown subject {subject!r} (expected one of: {', '.join(SUBJECTS)})", "subject")
    kinds = entry.get("kinds", list(KINDS_OF_SUBJECT[subject]))
    if not isinstance(kinds, list) or not kinds:
        fail("kinds must be a list of kinds", "kinds")
    for kind in kinds:
        if kind not in KINDS:
            fail(f"unknown kind {kind!r} (expected one of: {', '.join(KINDS)})", "kinds")
        if kind not in KINDS_OF_SUBJECT[subject]:
            fail(f"kind {kind} has no {subject} subject", "kinds")
    if ("assert" in entry) == ("schema" in entry):
        fail("give exactly one of assert (a CEL expression) or schema (a JSON Schema)")
    env = _environment(subject)
    policy = Policy(
        id=policy_id, name=name, severity=severity, message=message, subject=subject,
        kinds=tuple(kinds), path=path, line=line,
        summary=str(entry.get("summary") or message), rationale=str(entry.get("rationale") or f"Policy from {path}."),
        tags=tuple(entry.get("tags") or ()),
    )  # fmt: skip
    if "where" in entry:
        policy.where = _compile(env, entry["where"], "where", lambda m: fail(m, "where"))
        policy.where_text = entry["where"]
    if "assert" in entry:
        policy.check = _compile(env, entry["assert"], "assert", lambda m: fail(m, "assert"))
        policy.assert_text = entry["assert"]
    else:
        schema = plain(entry["schema"])
        import jsonschema

        try:
            jsonschema.Draft202012Validator.check_schema(schema)
        except jsonschema.SchemaError as exc:
            fail(f"schema is not a valid JSON Schema: {exc.message}", "schema")
        policy.schema = schema
    if "message_expression" in entry:
        policy.message_expression = _compile(
            env, entry["message_expression"], "message_expression", lambda m: fail(m, "message_expression")
        )
        policy.message_text = entry["message_expression"]
    tests = entry.get("tests", [])
    if not isinstance(tests, list):
        fail("tests must be a list of cases", "tests")
    policy.tests = tests
    unknown_tags = set(policy.tags) - {"security", "reliability", "performance", "maintainability", "style"}
    if unknown_tags:
        fail(f"unknown tags {sorted(unknown_tags)}", "tags")
    return policy


# --- evaluation -------------------------------------------------------------------------


#: subject type -> the top-level fields the run's policies read, or None for all of them.
#: Converting a whole Kubernetes object for CEL costs more than every evaluation over it.
_FIELDS_READ: dict[str, frozenset[str] | None] = {}


def fields_read(policies: list[Policy]) -> dict[str, frozenset[str] | None]:
    """Which top-level fields of each subject the policies can reach. CEL reaches a field
    only by member access from the variable (``object.metadata...``) or through the whole
    variable (``object["x"]``, ``size(object)``), so any use other than ``name.field``
    means every field; so does a schema policy."""
    read: dict[str, set[str] | None] = {}
    for policy in policies:
        current = read.setdefault(policy.subject, set())
        texts = [t for t in (policy.where_text, policy.assert_text, policy.message_text) if t]
        whole = policy.schema is not None or any(
            re.search(rf"\b{policy.subject}\b(?!\s*\.\s*[A-Za-z_])", t) for t in texts
        )
        if whole or current is None:
            read[policy.subject] = None
            continue
        for text in texts:
            current.update(m.group(1) for m in re.finditer(rf"\b{policy.subject}\s*\.\s*([A-Za-z_][A-Za-z0-9_]*)", text))
    return {subject: None if fields is None else frozenset(fields) for subject, fields in read.items()}


class _Prepared:
    """A subject's data as CEL and jsonschema take it, converted once for every policy."""

    __slots__ = ("data", "_activation", "_variable")

    def __init__(self, subject: Subject):
        fields = _FIELDS_READ.get(subject.type)
        data = subject.data if fields is None else {k: v for k, v in subject.data.items() if k in fields}
        self.data = plain(data)
        self._variable = subject.type
        self._activation = None

    @property
    def activation(self):
        if self._activation is None:
            self._activation = _environment(self._variable).Activation(data={self._variable: self.data})
        return self._activation


def _evaluate(expression, prepared: _Prepared) -> tuple[Any, str | None]:
    """(value, None), or (None, the error) when CEL could not evaluate it."""
    from cel_expr_python import cel

    result = expression.eval(prepared.activation)
    if result.type() == cel.Type.ERROR:
        return None, str(result.value())
    return result.value(), None


class _SubjectsOfView:
    """The subjects of the file being linted, built once for all the policies that read
    them (a file is linted by one process, one file at a time)."""

    view: Any = None
    built: dict[str, list[tuple[Subject, _Prepared]]] = {}

    @classmethod
    def of(cls, kind: str, view: Any, subject_type: str) -> list[tuple[Subject, _Prepared]]:
        if view is not cls.view:
            cls.view, cls.built = view, {}
        if subject_type not in cls.built:
            cls.built[subject_type] = [(s, _Prepared(s)) for s in subjects(kind, view, subject_type)]
        return cls.built[subject_type]


def violations(policy: Policy, subject: Subject, prepared: _Prepared | None = None) -> list[Problem]:
    prepared = prepared or _Prepared(subject)
    if policy.where is not None:
        matched, error = _evaluate(policy.where, prepared)
        if error is not None:
            return [Problem(subject.span, f"policy {policy.id}: `where` could not be evaluated: {error}")]
        if matched is not True:
            return []
    if policy.schema is not None:
        return _schema_violations(policy, subject, prepared)
    ok, error = _evaluate(policy.check, prepared)
    if error is not None:
        return [Problem(subject.span, f"policy {policy.id}: `assert` could not be evaluated: {error}")]
    if ok is True:
        return []
    if ok is not False:
        return [Problem(subject.span, f"policy {policy.id}: `assert` gave {ok!r}, not a boolean")]
    span = next((s for s in map(subject.span_of, policy.fields) if s is not None), subject.span)
    return [Problem(span, _message(policy, prepared))]


def _message(policy: Policy, prepared: _Prepared) -> str:
    if policy.message_expression is not None:
        text, error = _evaluate(policy.message_expression, prepared)
        if error is None and isinstance(text, str) and text:
            return text
    return policy.message


def _schema_violations(policy: Policy, subject: Subject, prepared: _Prepared) -> list[Problem]:
    import jsonschema

    problems = []
    for error in jsonschema.Draft202012Validator(policy.schema).iter_errors(prepared.data):
        path = tuple(str(p) for p in error.absolute_path)
        span = subject.span_of(path) if path else None
        problems.append(Problem(span or subject.span, f"{_message(policy, prepared)}: {error.message}"))
    return problems


def rules(policies: list[Policy]) -> dict[str, list[Rule]]:
    """kind -> the rules of the policies covering it (a policy's rules share its id)."""
    by_kind: dict[str, list[Rule]] = {}
    for policy in policies:
        base = Rule(
            id=policy.id, name=policy.name, severity=policy.severity, summary=policy.summary,
            rationale=policy.rationale, check=_checker(policy, policy.kinds[0]), kind=policy.kinds[0], tags=policy.tags,
            origin=f"policy {policy.path}:{policy.line}", kinds=policy.kinds,
        )  # fmt: skip
        for kind in policy.kinds:
            # The engine keys rule contexts by id, so each kind's copy knows its kind itself.
            by_kind.setdefault(kind, []).append(dataclasses.replace(base, kind=kind, check=_checker(policy, kind)))
    return by_kind


def _checker(policy: Policy, kind: str):
    def check(view, ctx):
        for subject, prepared in _SubjectsOfView.of(kind, view, policy.subject):
            yield from violations(policy, subject, prepared)

    return check


class PolicyPlugin:
    """The policies of a run, offered to the registry as a plugin's rules."""

    def __init__(self, policies: list[Policy]):
        self.by_kind = rules(policies)
        _FIELDS_READ.clear()
        _FIELDS_READ.update(fields_read(policies))

    @hookimpl
    def lintkit_rules(self, kind):
        return self.by_kind.get(kind, [])


def activate(paths: list[str]) -> list[Policy]:
    """Load the policies and register their rules for this process's run."""
    from . import registry

    policies = load(paths)
    if policies:
        registry.register_extra_plugin(PolicyPlugin(policies), "policies")
    return policies
