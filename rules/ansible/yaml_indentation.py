"""Indentation that is not consistent, and lists not indented under their key."""

from lintkit.model import Example, Problem, Span, rule
from lintkit.yamlmodel import YMap, YSeq

from . import yaml_layout


class _Width:
    """The file's indentation step, fixed by the first nested block (yamllint's
    ``spaces: consistent``)."""

    def __init__(self) -> None:
        self.step: int | None = None

    def expected(self, base: int, found: int) -> int:
        if self.step is None:
            self.step = found - base
        return base + self.step


def _first_char(view, mark) -> str:
    line = view.source.line_text(mark.line + 1)
    return line[mark.column] if mark.column < len(line) else ""


def _problems(view, root):
    """Block collections nested under a mapping key, in document order: a list must be
    indented under its key, and every level by the same step."""
    width = _Width()
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen or not isinstance(node, (YMap, YSeq)):
            continue
        seen.add(id(node))
        if _first_char(view, node.start) in ("[", "{"):
            continue  # a flow collection: no indentation inside
        if isinstance(node, YSeq):
            stack.extend(reversed(node))
            continue
        base = node.start.column  # a block mapping's keys all start there
        first_line, last_line = node.start.line, node.end.line
        for value in node.values():
            if not isinstance(value, (YMap, YSeq)) or not value:
                continue
            start = value.start
            if not first_line <= start.line <= last_line:
                continue  # merged in from an anchor: checked where it is written
            first = _first_char(view, start)
            if first in ("[", "{"):
                continue
            line, column = _content_start(view, value) if first in ("&", "!") else (start.line + 1, start.column)
            yield from _nested(width, value, base, line, column)
        stack.extend(reversed(list(node.values())))


def _content_start(view, value) -> tuple[int, int]:
    """(line, 0-based column) where a collection's content starts when an anchor or tag
    precedes it on the key's line (``files: &paths``, the list on the next lines): its
    first key, or the dash of its first item."""
    if isinstance(value, YMap):
        span = value.key_span(next(iter(value)))
        return span.line, span.column - 1
    first = value.item_span(0)
    dash = view.source.line_text(first.line).rfind("-", 0, first.column - 1)
    return first.line, dash if dash != -1 else first.column - 1


def _nested(width: _Width, value, base: int, line: int, found: int):
    """A collection that starts on a line below its key, at column ``found`` (0-based)."""
    if isinstance(value, YSeq) and found == base:
        # Lists are indented under their key (yamllint's indent-sequences: true).
        if width.step is None:
            yield Problem(_indent_span(line, found), f"Wrong indentation: expected at least {found + 1}")
            return
        expected = base + width.step
    else:
        expected = width.expected(base, found)
    if found != expected:
        yield Problem(_indent_span(line, found), f"Wrong indentation: expected {expected} but found {found}")


def _indent_span(line: int, found: int) -> Span:
    """The indentation of the line (the first character when there is none)."""
    return Span(line, 1, line, max(found, 1) + 1)


@rule(
    id="AN044",
    name="yaml-indentation",
    severity="style",
    summary="Inconsistent indentation, or a list not indented under its key",
    rationale=(
        "One indentation step throughout a file keeps nesting readable and diffs small. "
        "Lists indented under their key (`tasks:` then `  - name:`) show at a glance which "
        "key they belong to; ansible-lint and yamllint require it."
    ),
    tags=("style",),
    aliases=("ansible-lint:yaml[indentation]",),
    examples=(
        Example(
            bad="- name: Web\n  hosts: all\n  tasks:\n  - name: Say hi\n    ansible.builtin.debug:\n      msg: hi\n",
            good="- name: Web\n  hosts: all\n  tasks:\n    - name: Say hi\n      ansible.builtin.debug:\n        msg: hi\n",
            filename="playbook.yml",
        ),
    ),
)
def check(view, ctx):
    if not yaml_layout.applies(view):
        return
    for document in view.documents:
        yield from _problems(view, document.root)
