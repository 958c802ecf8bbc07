"""A file's text and the helpers every parser needs to turn offsets into positions."""

from __future__ import annotations

from bisect import bisect_right
from functools import cached_property

from .model import Span


class SourceFile:
    """The decoded text of one file, as given on the command line (``path``)."""

    def __init__(self, path: str, text: str):
        self.path = path
        self.text = text

    @cached_property
    def lines(self) -> list[str]:
        """Lines without their line terminators (``lines[0]`` is line 1)."""
        return self.text.splitlines()

    @cached_property
    def _line_starts(self) -> list[int]:
        starts = [0]
        text = self.text
        find = text.find
        i = find("\n")
        while i != -1:
            starts.append(i + 1)
            i = find("\n", i + 1)
        return starts

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset into ``text``."""
        index = bisect_right(self._line_starts, offset) - 1
        return index + 1, offset - self._line_starts[index] + 1

    def offset(self, line: int, column: int) -> int:
        """Character offset of a 1-based (line, column); the inverse of :meth:`position`."""
        starts = self._line_starts
        return starts[min(line, len(starts)) - 1] + column - 1

    def span(self, start: int, end: int) -> Span:
        """Span of the character range ``text[start:end]``."""
        line, column = self.position(start)
        end_line, end_column = self.position(end)
        return Span(line, column, end_line, end_column)

    def line_text(self, line: int) -> str:
        lines = self.lines
        return lines[line - 1] if 0 < line <= len(lines) else ""

    def text_of(self, span: Span) -> str:
        """The text a span covers (for rules that need the raw token, e.g. ``yes`` vs ``true``)."""
        if span.line == span.end_line:
            return self.line_text(span.line)[span.column - 1 : span.end_column - 1]
        parts = [self.line_text(span.line)[span.column - 1 :]]
        parts += [self.line_text(n) for n in range(span.line + 1, span.end_line)]
        parts.append(self.line_text(span.end_line)[: span.end_column - 1])
        return "\n".join(parts)
