"""GitHub Actions expressions: the ``${{ ... }}`` parts of workflow values.

A small tokenizer and reader of GitHub's expression language: literals (``'str'`` with
``''`` escapes, numbers, ``true``/``false``/``null``), context references
(``github.event.issue.title``, ``steps.x.outputs['y']``, ``matrix.*``), function calls
(``contains(...)``, ``format(...)``), operators and parentheses. Rules ask for the
context paths an expression reads and where they are, never regex the raw text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

#: Contexts GitHub defines (actionlint's list; availability per key is a later concern).
CONTEXTS = frozenset((
    "github", "env", "vars", "job", "jobs", "steps", "runner", "secrets", "strategy",
    "matrix", "needs", "inputs",
))  # fmt: skip
FUNCTIONS = frozenset((
    "contains", "startswith", "endswith", "format", "join", "tojson", "fromjson",
    "hashfiles", "success", "always", "cancelled", "failure", "case",
))  # fmt: skip
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
    position = text.find("${{")
    while position != -1:
        index = position + 3
        quoted = False
        close = -1
        while index < len(text):
            char = text[index]
            if char == "'":
                quoted = not quoted  # '' inside a literal toggles twice
            elif not quoted and text.startswith("}}", index):
                close = index
                break
            index += 1
        if close == -1:
            break
        found.append(Expression(position, close + 2, text[position + 3 : close], position + 3))
        position = text.find("${{", close + 2)
    return found


_OPERATORS = ("==", "!=", "<=", ">=", "&&", "||", "<", ">", "!")


def tokenize(inner: str, base: int = 0) -> list[Token]:
    tokens = []
    index = 0
    length = len(inner)
    while index < length:
        char = inner[index]
        if char.isspace():
            index += 1
            continue
        start = index
        if char == "'":
            index += 1
            while index < length:
                if inner[index] == "'":
                    if index + 1 < length and inner[index + 1] == "'":
                        index += 2
                        continue
                    break
                index += 1
            if index >= length:
                raise ExpressionError("unterminated string literal", base + start)
            index += 1
            tokens.append(Token("string", inner[start:index], base + start, base + index))
        elif char.isalpha() or char == "_":
            while index < length and (inner[index].isalnum() or inner[index] in "_-"):
                index += 1
            tokens.append(Token("ident", inner[start:index], base + start, base + index))
        elif char.isdigit() or (char in "-+" and index + 1 < length and inner[index + 1].isdigit()):
            index += 1
            while index < length and (inner[index].isalnum() or inner[index] in ".+-_"):
                index += 1
            tokens.append(Token("number", inner[start:index], base + start, base + index))
        else:
            for op in _OPERATORS:
                if inner.startswith(op, index):
                    index += len(op)
                    tokens.append(Token("op", op, base + start, base + index))
                    break
            else:
                kinds = {".": "dot", "[": "lbracket", "]": "rbracket", "(": "lparen", ")": "rparen", ",": "comma", "*": "star"}
                kind = kinds.get(char)
                if kind is None:
                    raise ExpressionError(f"unexpected character {char!r}", base + start)
                index += 1
                tokens.append(Token(kind, char, base + start, base + index))
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
