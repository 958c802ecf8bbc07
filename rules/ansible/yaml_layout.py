"""Layout facts of a YAML file for the yaml-* rules (yamllint's checks, as ansible-lint
runs them): its tokens, its comments and its lines, computed once per file.

Tokens come from libyaml's scanner (``AnsibleFile.tokens``, cached on the view), so a
``#`` inside a quoted string or a block scalar is never taken for a comment.
"""

from __future__ import annotations

from dataclasses import dataclass

from lintkit.model import Span


def applies(view) -> bool:
    """The yaml-* rules look at YAML files (not INI inventories, not vault files)."""
    return bool(view.documents) and not view.is_vault_encrypted


def span(token) -> Span:
    start, end = token.start_mark, token.end_mark
    return Span(start.line + 1, start.column + 1, end.line + 1, end.column + 1)


@dataclass(frozen=True, slots=True)
class Comment:
    line: int  # 1-based
    column: int  # 1-based, of the first #
    text: str  # from the # to the end of the line
    inline: bool  # written after content on the same line


def comments(view) -> list[Comment]:
    """Comments: the ``#`` that appear between tokens (outside any scalar)."""
    text = view.source.text
    found: list[Comment] = []
    position = 0
    for token in view.tokens:
        start = token.start_mark.index
        if start > position:
            found.extend(_comments_in(text, position, start))
        position = max(position, token.end_mark.index)
    if position < len(text):
        found.extend(_comments_in(text, position, len(text)))
    return found


def _comments_in(text: str, start: int, end: int):
    hash_at = text.find("#", start, end)
    while hash_at != -1:
        line_start = text.rfind("\n", 0, hash_at) + 1
        line_end = text.find("\n", hash_at)
        line_end = len(text) if line_end == -1 else line_end
        line = text.count("\n", 0, hash_at) + 1
        inline = bool(text[line_start:hash_at].strip())
        yield Comment(line, hash_at - line_start + 1, text[hash_at:line_end], inline)
        hash_at = text.find("#", min(line_end, end), end) if line_end < end else -1
