"""Text edits on YAML as written, for fixes: reorder entries, insert or remove a key.

Fixes must keep comments, quoting, key order and indentation as the author wrote them, so
nothing here re-serialises YAML: every function computes an :class:`~lintkit.model.Edit`
from the positions the loaded nodes (:mod:`lintkit.yamlmodel`) carry, moving or inserting
whole lines of the original text. Each returns None when the layout is one it cannot edit
safely (a flow mapping, two entries on one line, keys that a ``<<:`` merge brought in).
"""

from __future__ import annotations

from typing import Any, Sequence

from .model import Edit, Span
from .source import SourceFile
from .yamlmodel import YMap, YSeq


def _is_comment(line: str) -> bool:
    return line.lstrip().startswith("#")


def _entry_starts(source: SourceFile, container: YMap | YSeq) -> list[tuple[int, int]] | None:
    """(line, column) where each entry of a block container starts (a key, or a ``-``),
    in order; None when the container is not laid out one entry per line."""
    starts = []
    if isinstance(container, YMap):
        for key in container:
            span = container.key_span(key)
            starts.append((span.line, span.column))
    else:
        for index in range(len(container)):
            span = container.item_span(index)
            line = source.line_text(span.line)
            before = line[: span.column - 1].rstrip()
            if not before.endswith("-") or before[:-1].strip():
                return None  # "- - x" or an item that does not start its line
            starts.append((span.line, len(before)))
    for (line, column), (next_line, _) in zip(starts, starts[1:]):
        if next_line <= line:
            return None
    if len({column for _, column in starts}) != 1:
        return None
    for index, (line, column) in enumerate(starts):
        prefix = source.line_text(line)[: column - 1]
        # The first key of a mapping that is a sequence item shares its line with the "-".
        if prefix.strip() and not (index == 0 and isinstance(container, YMap) and set(prefix) <= {"-", " "}):
            return None
    return starts


def _end_line(source: SourceFile, container: YMap | YSeq) -> int:
    """Last line of the container's text (a block's end mark sits at the start of the
    line after it)."""
    end = container.span
    line = end.end_line if end.end_column > 1 else end.end_line - 1
    while line > end.line and (not source.line_text(line).strip() or _is_comment(source.line_text(line))):
        line -= 1  # trailing blank lines and comments belong to what follows
    return line


def _chunks(source: SourceFile, container: YMap | YSeq) -> tuple[int, int, list[str], str] | None:
    """(first line, last line, the lines of each entry, the ``- `` the first entry's line
    starts with): comments right above an entry travel with it, blank lines with the entry
    before them. The first chunk has its ``- `` turned into spaces."""
    if not container or container.start is None:
        return None
    if _is_flow(source, container):
        return None
    starts = _entry_starts(source, container)
    if starts is None:
        return None
    last_line = _end_line(source, container)
    first = starts[0][0]
    lines = [source.line_text(n) for n in range(first, last_line + 1)]  # lines[0] is line `first`
    bounds = []
    for index, (line, _column) in enumerate(starts):
        start = line
        if index:
            while start - 1 > starts[index - 1][0] and _is_comment(lines[start - 1 - first]):
                start -= 1
        bounds.append(start)
    bounds.append(last_line + 1)
    column = starts[0][1]
    prefix = lines[0][: column - 1]
    lines[0] = " " * len(prefix) + lines[0][len(prefix) :]
    chunks = ["".join(line + "\n" for line in lines[b - first : e - first]) for b, e in zip(bounds, bounds[1:])]
    return first, last_line, chunks, prefix


def reorder(source: SourceFile, container: YMap | YSeq, order: Sequence[Any]) -> tuple[Edit, ...] | None:
    """The edits that put the entries of a container in ``order`` (its keys, or item
    indices for a sequence): in block style each entry moves with its comments; in flow
    style (``[b, a]``) each entry's text takes another's place."""
    if isinstance(container, YMap) and any(not _written_inside(container, k) for k in container):
        return None
    if not container or container.start is None:
        return None
    if _is_flow(source, container):
        return _reorder_flow(source, container, order)
    found = _chunks(source, container)
    if found is None:
        return None
    first, last, chunks, prefix = found
    position = {k: i for i, k in enumerate(container if isinstance(container, YMap) else range(len(container)))}
    if sorted(position[k] for k in order) != list(range(len(chunks))):
        return None
    ordered = [chunks[position[k]] for k in order]
    if ordered == chunks:
        return None
    if prefix.strip():
        if _is_comment(ordered[0]):
            return None  # the "- " would land on a comment line
        ordered[0] = prefix + ordered[0][len(prefix) :]
    new = "".join(ordered)
    if last >= len(source.lines) and not source.text.endswith("\n"):
        return (Edit(Span(first, 1, last, len(source.line_text(last)) + 1), new[:-1]),)
    return (Edit(Span(first, 1, last + 1, 1), new),)


def _is_flow(source: SourceFile, container: YMap | YSeq) -> bool:
    span = container.span
    offset = source.offset(span.line, span.column)
    return source.text[offset : offset + 1] in ("[", "{")


def _reorder_flow(source: SourceFile, container: YMap | YSeq, order: Sequence[Any]) -> tuple[Edit, ...] | None:
    if isinstance(container, YMap):
        slots = [container.entry_span(k) for k in container]
        position = {k: i for i, k in enumerate(container)}
    else:
        slots = [container.item_span(i) for i in range(len(container))]
        position = {i: i for i in range(len(container))}
    if sorted(position[k] for k in order) != list(range(len(slots))):
        return None
    edits = tuple(
        Edit(slot, source.text_of(slots[position[k]]))
        for index, (slot, k) in enumerate(zip(slots, order))
        if position[k] != index
    )
    return edits or None


def _written_inside(mapping: YMap, key: Any) -> bool:
    """The key is written in this mapping (not brought in by a ``<<:`` merge)."""
    line = mapping.key_span(key).line
    return mapping.span.line <= line <= mapping.span.end_line


def indentation_of(source: SourceFile, mapping: YMap) -> int | None:
    """Column (0-based) of a block mapping's keys, or None for a flow or odd mapping."""
    found = _chunks(source, mapping) if mapping else None
    if found is None:
        return None
    return mapping.key_span(next(iter(mapping))).column - 1


def insert_entry(source: SourceFile, mapping: YMap, key: str, value: Any, step: int = 2) -> Edit | None:
    """The edit that adds ``key: value`` to a block mapping, indented as its other keys:
    at its place when the keys are in alphabetical order, else last. ``value`` is a scalar
    written as given (already YAML text) or a dict of such, written as a nested block
    ``step`` columns deeper."""
    if not mapping or any(not _written_inside(mapping, k) for k in mapping):
        return None
    indent = indentation_of(source, mapping)
    found = _chunks(source, mapping)
    if indent is None or found is None:
        return None
    first, last, chunks, prefix = found
    text = "".join(line + "\n" for line in _block_lines(key, value, indent, step))
    keys = list(mapping)
    if all(isinstance(k, str) for k in keys) and keys == sorted(keys):
        later = next((i for i, k in enumerate(keys) if k > key), None)
        if later is not None and not (later == 0 and prefix.strip()):
            line = first + sum(chunk.count("\n") for chunk in chunks[:later])
            return Edit(Span(line, 1, line, 1), text)
    if last >= len(source.lines) and not source.text.endswith("\n"):
        return Edit(Span(last, len(source.line_text(last)) + 1, last, len(source.line_text(last)) + 1), "\n" + text.rstrip("\n"))
    return Edit(Span(last + 1, 1, last + 1, 1), text)


def _block_lines(key: str, value: Any, indent: int, step: int) -> list[str]:
    if isinstance(value, dict):
        lines = [" " * indent + f"{key}:"]
        for inner_key, inner_value in value.items():
            lines += _block_lines(inner_key, inner_value, indent + step, step)
        return lines
    return [" " * indent + f"{key}: {value}"]


def remove_entry(source: SourceFile, mapping: YMap, key: Any) -> Edit | None:
    """The edit that deletes ``key`` and its value (whole lines) from a block mapping."""
    if not _written_inside(mapping, key):
        return None
    found = _chunks(source, mapping)
    if found is None:
        return None
    keys = list(mapping)
    index = keys.index(key)
    start = mapping.key_span(key).line
    end = mapping.key_span(keys[index + 1]).line if index + 1 < len(keys) else found[1] + 1
    if len(keys) == 1:
        return None  # an empty mapping would become null
    return Edit(Span(start, 1, end, 1), "")


def step_of(source: SourceFile, outer: YMap, key: Any) -> int:
    """Indentation step the file uses below ``outer[key]`` (2 when it cannot tell)."""
    inner = outer.get(key)
    if isinstance(inner, YMap) and inner:
        column = inner.key_span(next(iter(inner))).column
        step = column - outer.key_span(key).column
        if step > 0:
            return step
    return 2


def set_entry(source: SourceFile, mapping: YMap, key: str, value: str, step: int = 2) -> tuple[Edit, ...] | None:
    """The edits that make ``mapping[key]`` the scalar ``value`` (YAML text): its value
    replaced when the key is there with a scalar, the entry added otherwise."""
    if key in mapping:
        if isinstance(mapping[key], (YMap, YSeq)) or not _written_inside(mapping, key):
            return None
        return (Edit(mapping.value_span(key), value),)
    edit = insert_entry(source, mapping, key, value, step)
    return (edit,) if edit else None


def set_nested(source: SourceFile, mapping: YMap, path: Sequence[str], value: str) -> tuple[Edit, ...] | None:
    """:func:`set_entry` of ``path[-1]`` in the mapping at ``path[:-1]`` below ``mapping``,
    adding the mappings that are missing (``securityContext:`` then its key)."""
    node = mapping
    for index, key in enumerate(path[:-1]):
        inner = node.get(key)
        if inner is None and key not in node:
            nested: Any = value
            for missing in reversed(path[index + 1 :]):
                nested = {missing: nested}
            edit = insert_entry(source, node, key, nested, _step_below(source, node))
            return (edit,) if edit else None
        if not isinstance(inner, YMap) or not inner:
            return None
        node = inner
    return set_entry(source, node, path[-1], value)


def _step_below(source: SourceFile, mapping: YMap) -> int:
    """The indentation step of the nearest nested block mapping in ``mapping``."""
    for key, value in mapping.items():
        if isinstance(value, YMap) and value and _written_inside(mapping, key):
            step = value.key_span(next(iter(value))).column - mapping.key_span(key).column
            if step > 0 and not _is_flow(source, value):
                return step
    return 2


def remove_item(source: SourceFile, sequence: YSeq, index: int) -> Edit | None:
    """The edit that deletes item ``index`` (not the first) of a sequence: its lines in
    block style, its text and the comma before it in flow style (``[a, b]``)."""
    if index <= 0 or index >= len(sequence) or sequence.start is None:
        return None
    if _is_flow(source, sequence):
        before, item = sequence.item_span(index - 1), sequence.item_span(index)
        return Edit(Span(before.end_line, before.end_column, item.end_line, item.end_column), "")
    found = _chunks(source, sequence)
    if found is None:
        return None
    first, _last, chunks, _prefix = found
    start = first + sum(chunk.count("\n") for chunk in chunks[:index])
    end = start + chunks[index].count("\n")
    return Edit(Span(start, 1, end, 1), "")
