"""Layout facts of a YAML file for the yaml-* rules (yamllint's checks, as ansible-lint
runs them): its tokens, its comments and its lines, computed once per file.

Tokens come from libyaml's scanner (``AnsibleFile.tokens``, cached on the view), so a
``#`` inside a quoted string or a block scalar is never taken for a comment.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass


def applies(view) -> bool:
    """The yaml-* rules look at YAML files (not INI inventories, not vault files)."""
    return bool(view.documents) and not view.is_vault_encrypted


def may_contain(view, *fragments: str) -> bool:
    """Whether the text holds one of ``fragments``: a cheap test that lets token-based
    rules skip scanning a file in which their problem cannot occur."""
    text = view.source.text
    return any(f in text for f in fragments)


@dataclass(frozen=True, slots=True)
class Comment:
    line: int  # 1-based
    column: int  # 1-based, of the first #
    text: str  # from the # to the end of the line
    inline: bool  # written after content on the same line


def comments(view) -> list[Comment]:
    """Comments: each ``#`` that no token covers (so not one inside a scalar), up to the
    end of its line."""
    text = view.source.text
    if "#" not in text:
        return []
    tokens = view.tokens
    starts = [t.start_mark.index for t in tokens]
    found: list[Comment] = []
    hash_at = text.find("#")
    while hash_at != -1:
        index = bisect_right(starts, hash_at) - 1
        if index >= 0 and hash_at < tokens[index].end_mark.index:
            hash_at = text.find("#", tokens[index].end_mark.index)  # inside a scalar
            continue
        line, column = view.source.position(hash_at)
        line_end = text.find("\n", hash_at)
        line_end = len(text) if line_end == -1 else line_end
        inline = bool(text[hash_at - column + 1 : hash_at].strip())
        found.append(Comment(line, column, text[hash_at:line_end], inline))
        hash_at = text.find("#", line_end)
    return found
