"""GitHub Actions expressions: the ``${{ ... }}`` parts of workflow values.

A small tokenizer and reader of GitHub's expression language: literals (``'str'`` with
``''`` escapes, numbers, ``true``/``false``/``null``), context references
(``github.event.issue.title``, ``steps.x.outputs['y']``, ``matrix.*``), function calls
(``contains(...)``, ``format(...)``), operators and parentheses. Rules ask for the
context paths an expression reads and where they are, never regex the raw text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

#: Contexts GitHub defines.
CONTEXTS = frozenset((
    "github", "env", "vars", "job", "jobs", "steps", "runner", "secrets", "strategy",
    "matrix", "needs", "inputs",
))  # fmt: skip
#: Functions (lower-cased) and how many arguments they take: (minimum, maximum or None).
FUNCTION_ARITY = {
    "contains": (2, 2), "startswith": (2, 2), "endswith": (2, 2), "format": (1, None),
    "join": (1, 2), "tojson": (1, 1), "fromjson": (1, 1), "hashfiles": (1, None),
    "success": (0, 0), "always": (0, 0), "cancelled": (0, 0), "failure": (0, 0),
    "case": (3, None),
}  # fmt: skip
FUNCTIONS = frozenset(FUNCTION_ARITY)
#: Functions GitHub allows only at some workflow keys (see :data:`AVAILABILITY`).
SPECIAL_FUNCTIONS = frozenset(("success", "always", "cancelled", "failure", "hashfiles"))

_WORKFLOW_LEVEL = frozenset(("github", "inputs", "vars"))
_JOB_LEVEL = frozenset(("github", "inputs", "matrix", "needs", "strategy", "vars"))
_STEP_LEVEL = frozenset(CONTEXTS - {"jobs"})
_STATUS = frozenset(("success", "always", "cancelled", "failure"))
#: GitHub's context-availability table: workflow key -> (contexts, special functions)
#: an expression there may use. Keys not listed are not checked.
AVAILABILITY: dict[str, tuple[frozenset, frozenset]] = {
    "run-name": (_WORKFLOW_LEVEL, frozenset()),
    "concurrency": (_WORKFLOW_LEVEL, frozenset()),
    "on.workflow_call.inputs.<inputs_id>.default": (_WORKFLOW_LEVEL, frozenset()),
    "env": (_WORKFLOW_LEVEL | {"secrets"}, frozenset()),
    "on.workflow_call.outputs.<output_id>.value": (_WORKFLOW_LEVEL | {"jobs"}, frozenset()),
    "jobs.<job_id>.if": (frozenset(("github", "inputs", "needs", "vars")), _STATUS),
    "jobs.<job_id>.strategy": (frozenset(("github", "inputs", "needs", "vars")), frozenset()),
    **dict.fromkeys(
        (
            "jobs.<job_id>.concurrency", "jobs.<job_id>.container", "jobs.<job_id>.container.image",
            "jobs.<job_id>.continue-on-error", "jobs.<job_id>.environment", "jobs.<job_id>.name",
            "jobs.<job_id>.runs-on", "jobs.<job_id>.services", "jobs.<job_id>.timeout-minutes",
            "jobs.<job_id>.with.<with_id>",
        ),
        (_JOB_LEVEL, frozenset()),
    ),
    "jobs.<job_id>.env": (_JOB_LEVEL | {"secrets"}, frozenset()),
    "jobs.<job_id>.secrets.<secrets_id>": (_JOB_LEVEL | {"secrets"}, frozenset()),
    "jobs.<job_id>.defaults.run": (_JOB_LEVEL | {"env"}, frozenset()),
    "jobs.<job_id>.container.credentials": (_JOB_LEVEL | {"env", "secrets"}, frozenset()),
    "jobs.<job_id>.services.<service_id>.credentials": (_JOB_LEVEL | {"env", "secrets"}, frozenset()),
    "jobs.<job_id>.container.env.<env_id>": (_STEP_LEVEL - {"steps"}, frozenset()),
    "jobs.<job_id>.services.<service_id>.env.<env_id>": (_STEP_LEVEL - {"steps"}, frozenset()),
    "jobs.<job_id>.environment.url": (_STEP_LEVEL - {"secrets"}, frozenset()),
    "jobs.<job_id>.outputs.<output_id>": (_STEP_LEVEL, frozenset()),
    "jobs.<job_id>.steps.if": (_STEP_LEVEL - {"secrets"}, _STATUS | {"hashfiles"}),
    **dict.fromkeys(
        (
            "jobs.<job_id>.steps.continue-on-error", "jobs.<job_id>.steps.env", "jobs.<job_id>.steps.name",
            "jobs.<job_id>.steps.run", "jobs.<job_id>.steps.timeout-minutes", "jobs.<job_id>.steps.with",
            "jobs.<job_id>.steps.working-directory",
        ),
        (_STEP_LEVEL, frozenset(("hashfiles",))),
    ),
}
LITERALS = frozenset(("true", "false", "null"))


class ExpressionError(ValueError):
    def __init__(self, message: str, offset: int):
        super().__init__(message)
        self.offset = offset


@dataclass(frozen=True, slots=True)
class Token:
    kind: str  # ident, string, number, op, dot, lbracket, rbracket, lparen, rparen, comma, star
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Expression:
    """One ``${{ ... }}`` in a text: ``start``/``end`` cover the braces, ``inner`` is
    the expression between them (starting at ``inner_start``)."""

    start: int
    end: int
    inner: str
    inner_start: int

    @property
    def text(self) -> str:
        return "${{" + self.inner + "}}"


@dataclass(frozen=True, slots=True)
class ContextRef:
    """A context path read by an expression: ``github.event.issue.title`` (indexes
    written as ``.name``, ``*`` for a filter), and its offsets within the text."""

    path: str
    start: int
    end: int

    @property
    def root(self) -> str:
        return self.path.split(".", 1)[0]

    def startswith(self, *prefixes: str) -> bool:
        return any(self.path == p or self.path.startswith(p + ".") for p in prefixes)


def find_expressions(text: str) -> list[Expression]:
    """Every ``${{ }}`` in ``text``; a ``}}`` inside a string literal does not close."""
    found = []
    find = text.find
    position = find("${{")
    while position != -1:
        index = position + 3
        close = -1
        while True:
            candidate = find("}}", index)
            quote = find("'", index, candidate if candidate != -1 else len(text))
            if quote == -1:
                close = candidate
                break
            # A string literal: skip to its closing quote (`''` reopens at once).
            end = find("'", quote + 1)
            if end == -1:
                break
            index = end + 1
        if close == -1:
            break
        found.append(Expression(position, close + 2, text[position + 3 : close], position + 3))
        position = find("${{", close + 2)
    return found


#: One token at a time: blanks, a string literal (`''` escapes a quote), an identifier
#: (``-`` allowed inside, as in ``steps.my-step``), a number, an operator, punctuation;
#: anything else (and an unterminated string) is an error.
_TOKEN = re.compile(
    r"""\s+
    |(?P<string>'(?:[^']|'')*+')
    |(?P<ident>[^\W\d][\w-]*)
    |(?P<number>[-+]?\d[\w.+-]*)
    |(?P<op>==|!=|<=|>=|&&|\|\||[<>!])
    |(?P<punct>[.\[\](),*])
    |(?P<bad>.)""",
    re.VERBOSE | re.DOTALL,
)
_PUNCTUATION = {".": "dot", "[": "lbracket", "]": "rbracket", "(": "lparen", ")": "rparen", ",": "comma", "*": "star"}


def tokenize(inner: str, base: int = 0) -> list[Token]:
    tokens = []
    for match in _TOKEN.finditer(inner):
        kind = match.lastgroup
        if kind is None:
            continue  # blanks
        text = match.group()
        start = base + match.start()
        if kind == "bad":
            if text == "'":
                raise ExpressionError("unterminated string literal", start)
            raise ExpressionError(f"unexpected character {text!r}", start)
        if kind == "punct":
            kind = _PUNCTUATION[text]
        tokens.append(Token(kind, text, start, base + match.end()))
    return tokens


def context_refs(expression: Expression) -> list[ContextRef]:
    """The context paths the expression reads, with offsets in the enclosing text.
    An expression that does not tokenize yields none (``expression-check`` reports it)."""
    try:
        tokens = tokenize(expression.inner, expression.inner_start)
    except ExpressionError:
        return []
    return list(_refs(tokens))


def _refs(tokens: list[Token]) -> Iterator[ContextRef]:
    index = 0
    count = len(tokens)
    while index < count:
        token = tokens[index]
        previous = tokens[index - 1] if index else None
        starts_path = token.kind == "ident" and not (previous is not None and previous.kind == "dot")
        if not starts_path or token.text.lower() in LITERALS:
            index += 1
            continue
        if index + 1 < count and tokens[index + 1].kind == "lparen":
            index += 1  # a function call
            continue
        parts = [token.text]
        end = token.end
        index += 1
        while index < count:
            current = tokens[index]
            if current.kind == "dot" and index + 1 < count and tokens[index + 1].kind in ("ident", "star"):
                parts.append(tokens[index + 1].text)
                end = tokens[index + 1].end
                index += 2
            elif (
                current.kind == "lbracket"
                and index + 2 < count
                and tokens[index + 1].kind in ("string", "star", "number")
                and tokens[index + 2].kind == "rbracket"
            ):
                inside = tokens[index + 1].text
                parts.append(inside[1:-1].replace("''", "'") if inside.startswith("'") else inside)
                end = tokens[index + 2].end
                index += 3
            else:
                break
        yield ContextRef(".".join(parts), token.start, end)


def functions_called(expression: Expression) -> list[Token]:
    try:
        tokens = tokenize(expression.inner, expression.inner_start)
    except ExpressionError:
        return []
    return [t for i, t in enumerate(tokens[:-1]) if t.kind == "ident" and tokens[i + 1].kind == "lparen"]


# --- the full grammar, for checking expressions -------------------------------------


@dataclass(frozen=True, slots=True)
class Node:
    """A node of a parsed expression; ``start``/``end`` are offsets in the enclosing text."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Literal(Node):
    value: object


@dataclass(frozen=True, slots=True)
class Name(Node):
    """A bare identifier: a context (``github``, ``matrix``)."""

    name: str


@dataclass(frozen=True, slots=True)
class Property(Node):
    """``receiver.name`` or ``receiver['name']``; ``name_start`` is where the name is."""

    receiver: Node
    name: str
    name_start: int


@dataclass(frozen=True, slots=True)
class Index(Node):
    """``receiver[expression]`` with an index that is not a string literal."""

    receiver: Node
    index: Node


@dataclass(frozen=True, slots=True)
class Filter(Node):
    """``receiver.*`` / ``receiver[*]``."""

    receiver: Node


@dataclass(frozen=True, slots=True)
class Call(Node):
    name: str
    args: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Not(Node):
    operand: Node


@dataclass(frozen=True, slots=True)
class Binary(Node):
    operator: str
    left: Node
    right: Node


#: Parentheses and calls nested deeper than this are refused with an error at the
#: opening one: the reader recurses per level, and no workflow nests a tenth as deep.
MAX_NESTING = 50

#: Binary operators from the loosest to the tightest binding.
_PRECEDENCE = (("||",), ("&&",), ("==", "!="), ("<", "<=", ">", ">="))


#: The most common expression, a plain context path (``github.sha``, ``secrets.TOKEN``).
_PLAIN_PATH = re.compile(r"\s*([^\W\d][\w-]*)((?:\.[^\W\d][\w-]*)*)\s*\Z")
_PART = re.compile(r"\.([^\W\d][\w-]*)")


def parse(inner: str, base: int = 0) -> Node:
    """The syntax tree of an expression (the text between ``${{`` and ``}}``, or a bare
    ``if:`` condition); raises :class:`ExpressionError` at the offending offset."""
    plain = _PLAIN_PATH.match(inner)
    if plain is not None and plain.group(1).lower() not in LITERALS:
        return _plain_path(plain, base)
    tokens = tokenize(inner, base)
    if not tokens:
        raise ExpressionError("empty expression", base)
    reader = _Reader(tokens, base + len(inner))
    node = reader.binary(0)
    if reader.index < len(tokens):
        extra = tokens[reader.index]
        raise ExpressionError(f"unexpected {extra.text!r} after a complete expression", extra.start)
    return node


def _plain_path(match: re.Match, base: int) -> Node:
    """The tree of ``a.b.c`` built straight from the match, without tokenizing."""
    start = base + match.start(1)
    node: Node = Name(start, base + match.end(1), match.group(1))
    offset = base + match.start(2)
    for part in _PART.finditer(match.group(2)):
        name_start = offset + part.start(1)
        node = Property(start, offset + part.end(1), node, part.group(1), name_start)
    return node


class _Reader:
    def __init__(self, tokens: list[Token], end: int):
        self.tokens = tokens
        self.index = 0
        self.end = end
        self.depth = 0

    def peek(self) -> Token | None:
        return self.tokens[self.index] if self.index < len(self.tokens) else None

    def take(self, kind: str, what: str) -> Token:
        token = self.peek()
        if token is None:
            raise ExpressionError(f"expression ends where {what} was expected", self.end)
        if token.kind != kind:
            raise ExpressionError(f"{what} expected, found {token.text!r}", token.start)
        self.index += 1
        return token

    def binary(self, level: int) -> Node:
        if level == len(_PRECEDENCE):
            return self.unary()
        left = self.binary(level + 1)
        while True:
            token = self.peek()
            if token is None or token.kind != "op" or token.text not in _PRECEDENCE[level]:
                return left
            self.index += 1
            right = self.binary(level + 1)
            left = Binary(left.start, right.end, token.text, left, right)

    def unary(self) -> Node:
        negations = []  # `!!!x`: a loop, not a call per `!`
        token = self.peek()
        while token is not None and token.kind == "op" and token.text == "!":
            negations.append(token)
            self.index += 1
            token = self.peek()
        node = self.postfix(self.primary())
        for negation in reversed(negations):
            node = Not(negation.start, node.end, node)
        return node

    def nested(self, opening: Token, read):
        """``read()`` one level deeper, refused past :data:`MAX_NESTING`."""
        if self.depth >= MAX_NESTING:
            raise ExpressionError(f"expression nested more than {MAX_NESTING} levels deep", opening.start)
        self.depth += 1
        try:
            return read()
        finally:
            self.depth -= 1

    def primary(self) -> Node:
        token = self.peek()
        if token is None:
            raise ExpressionError("expression ends where a value was expected", self.end)
        self.index += 1
        if token.kind == "string":
            return Literal(token.start, token.end, token.text[1:-1].replace("''", "'"))
        if token.kind == "number":
            return Literal(token.start, token.end, _number(token))
        if token.kind == "lparen":
            inner = self.nested(token, lambda: self.binary(0))
            self.take("rparen", "')'")
            return inner
        if token.kind == "ident":
            lowered = token.text.lower()
            following = self.peek()
            if following is not None and following.kind == "lparen":
                return self.nested(following, lambda: self.call(token))
            if lowered in LITERALS:
                return Literal(token.start, token.end, {"true": True, "false": False, "null": None}[lowered])
            return Name(token.start, token.end, token.text)
        raise ExpressionError(f"unexpected {token.text!r} where a value was expected", token.start)

    def call(self, name: Token) -> Node:
        self.index += 1  # the "("
        args: list[Node] = []
        token = self.peek()
        if token is not None and token.kind == "rparen":
            self.index += 1
            return Call(name.start, token.end, name.text, ())
        while True:
            args.append(self.binary(0))
            token = self.peek()
            if token is not None and token.kind == "comma":
                self.index += 1
                continue
            close = self.take("rparen", "',' or ')'")
            return Call(name.start, close.end, name.text, tuple(args))

    def postfix(self, node: Node) -> Node:
        while True:
            token = self.peek()
            if token is None:
                return node
            if token.kind == "dot":
                self.index += 1
                part = self.peek()
                if part is not None and part.kind == "star":
                    self.index += 1
                    node = Filter(node.start, part.end, node)
                elif part is not None and part.kind == "ident":
                    self.index += 1
                    node = Property(node.start, part.end, node, part.text, part.start)
                else:
                    found = repr(part.text) if part is not None else "the end"
                    raise ExpressionError(f"property name expected after '.', found {found}", part.start if part else self.end)
            elif token.kind == "lbracket":
                self.index += 1
                inside = self.peek()
                if inside is not None and inside.kind == "star":
                    self.index += 1
                    close = self.take("rbracket", "']'")
                    node = Filter(node.start, close.end, node)
                    continue
                index = self.binary(0)
                close = self.take("rbracket", "']'")
                if isinstance(index, Literal) and isinstance(index.value, str):
                    node = Property(node.start, close.end, node, index.value, index.start)
                else:
                    node = Index(node.start, close.end, node, index)
            else:
                return node


def _number(token: Token) -> float:
    text = token.text
    try:
        if text.lower().startswith(("0x", "-0x", "+0x")):
            return float(int(text, 16))
        return float(text)
    except (ValueError, OverflowError):  # a hexadecimal number too big for a float
        raise ExpressionError(f"invalid number {text!r}", token.start) from None


def walk_nodes(node: Node) -> Iterator[Node]:
    """Every node of a tree, parents before children."""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        if isinstance(current, (Property, Filter)):
            stack.append(current.receiver)
        elif isinstance(current, Index):
            stack.extend((current.index, current.receiver))
        elif isinstance(current, Call):
            stack.extend(reversed(current.args))
        elif isinstance(current, Not):
            stack.append(current.operand)
        elif isinstance(current, Binary):
            stack.extend((current.right, current.left))
