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


def _is_flow(view, node) -> bool:
    line = view.source.line_text(node.start.line + 1)
    return node.start.column < len(line) and line[node.start.column] in "[{"


def _problems(view, root):
    width = _Width()
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen or not isinstance(node, (YMap, YSeq)) or _is_flow(view, node):
            continue
        seen.add(id(node))
        if isinstance(node, YSeq):
            stack.extend(reversed(node))
            continue
        span = node.span
        for key, value in node.items():
            key_span = node.key_span(key)
            if not span.line <= key_span.line <= span.end_line:
                continue  # merged in from an anchor: checked where it is written
            value_span = _content_start(view, value, node.value_span(key))
            if value_span.line > key_span.end_line:
                yield from _nested(view, width, value, key_span.column - 1, value_span)
        stack.extend(reversed(list(node.values())))


def _content_start(view, value, value_span: Span) -> Span:
    """Where a collection's content starts when an anchor or tag precedes it on the key's
    line (``files: &paths`` then the list on the next lines): its first item or key."""
    if not isinstance(value, (YMap, YSeq)) or not value:
        return value_span
    line = view.source.line_text(value_span.line)
    if line[value_span.column - 1 : value_span.column] not in ("&", "!"):
        return value_span
    if isinstance(value, YMap):
        return value.key_span(next(iter(value)))
    first = value.item_span(0)
    text = view.source.line_text(first.line)
    dash = text.rfind("-", 0, first.column - 1)
    return Span(first.line, dash + 1, first.line, dash + 2) if dash != -1 else first


def _nested(view, width: _Width, value, base: int, value_span: Span):
    """A value that starts on a line below its key."""
    found = value_span.column - 1
    if isinstance(value, (YMap, YSeq)) and _is_flow(view, value):
        return
    if isinstance(value, YSeq) and found == base:
        # Lists are indented under their key (yamllint's indent-sequences: true).
        if width.step is None:
            yield Problem(_indent_span(value_span.line, found), f"Wrong indentation: expected at least {found + 1}")
            return
        expected = base + width.step
    else:
        expected = width.expected(base, found)
    if found != expected:
        yield Problem(_indent_span(value_span.line, found), f"Wrong indentation: expected {expected} but found {found}")


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
