"""Position-aware YAML shared by every YAML kind.

The loader consumes libyaml's event stream (through PyYAML's C parser when it is built,
its pure-Python parser otherwise) and builds plain Python values directly: ``YMap`` (a
``dict``), ``YSeq`` (a ``list``) and scalars as ``str``/``int``/``float``/``bool``/``None``.
The containers remember where each key, value and item came from, so a rule can say
``container.value_span("image")`` and point at the exact token. Going from events to
values in one pass skips PyYAML's node graph and its constructor, which is what makes
the YAML layer cheap enough to lint thousands of manifests in well under a second.

Semantics follow PyYAML's safe loader (YAML 1.1 implicit types, merge keys ``<<``,
anchors and aliases) with three deliberate differences: timestamps stay strings (the
tools we lint read them as strings), duplicate keys are recorded instead of silently
overwritten, and alias expansion is bounded so that an alias bomb is refused instead of
exhausting memory in whatever walks the tree afterwards.
"""

from __future__ import annotations

import gc
import re
from dataclasses import dataclass, field
from typing import Any, Iterator, NamedTuple

import yaml
from yaml.events import (
    AliasEvent,
    DocumentEndEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from .model import ParseError, Span
from .source import SourceFile

try:
    _Loader = yaml.CSafeLoader
except AttributeError:  # PyYAML built without libyaml
    _Loader = yaml.SafeLoader

#: Nodes an alias may expand a document to before it is refused as an alias bomb.
MAX_EXPANDED_NODES = 1_000_000
#: Deepest nesting of collections loaded. Views, rules and schema checks walk values
#: recursively, and a file nested hundreds of levels deep (``[[[[...``) would exhaust
#: Python's stack in one of them; the deepest file of the corpus (a CRD) has 38 levels.
MAX_DEPTH = 100


def _span(start, end) -> Span:
    return Span(start.line + 1, start.column + 1, end.line + 1, end.column + 1)


class YMap(dict):
    """A mapping that knows the position of itself, its keys and its values."""

    __slots__ = ("start", "end", "tag", "_pos")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.start = self.end = self.tag = None
        self._pos = {}

    def key_span(self, key: Any) -> Span:
        ks, ke, _vs, _ve = self._pos[key]
        return _span(ks, ke)

    def value_span(self, key: Any) -> Span:
        _ks, _ke, vs, ve = self._pos[key]
        return _span(vs, ve)

    def entry_span(self, key: Any) -> Span:
        """From the key to the end of its value."""
        ks, _ke, _vs, ve = self._pos[key]
        return _span(ks, ve)

    @property
    def span(self) -> Span:
        return _span(self.start, self.end)

    def span_of(self, key: Any) -> Span:
        """The value's span, or the whole mapping's when the key is absent."""
        return self.value_span(key) if key in self._pos else self.span

    def __reduce__(self):
        pos = {k: tuple(map(_plain_mark, marks)) for k, marks in self._pos.items()}
        return (_rebuild_map, (dict(self), _plain_mark(self.start), _plain_mark(self.end), self.tag, pos))


class YSeq(list):
    """A sequence that knows the position of itself and of each item."""

    __slots__ = ("start", "end", "tag", "_pos")

    def __init__(self, *args):
        super().__init__(*args)
        self.start = self.end = self.tag = None
        self._pos = []

    def item_span(self, index: int) -> Span:
        start, end = self._pos[index]
        return _span(start, end)

    @property
    def span(self) -> Span:
        return _span(self.start, self.end)

    def __reduce__(self):
        pos = [(_plain_mark(a), _plain_mark(b)) for a, b in self._pos]
        return (_rebuild_seq, (list(self), _plain_mark(self.start), _plain_mark(self.end), self.tag, pos))


class Tagged(str):
    """A scalar carrying an application tag such as ``!vault`` or ``!reference``."""

    __slots__ = ("tag",)

    def __new__(cls, value: str, tag: str):
        obj = super().__new__(cls, value)
        obj.tag = tag
        return obj

    def __reduce__(self):
        return (Tagged, (str(self), self.tag))


class Mark(NamedTuple):
    """A 0-based position, as libyaml's marks (which do not pickle cheaply) carry it."""

    line: int
    column: int


def _plain_mark(mark) -> Mark:
    return Mark(mark.line, mark.column)


def positioned_like(copy: YMap | YSeq, original: YMap | YSeq) -> YMap | YSeq:
    """``copy``, a new mapping or sequence derived from ``original``, given ``original``'s
    positions (shared, not copied: keys and items keep where they were written)."""
    copy.start, copy.end, copy.tag, copy._pos = original.start, original.end, original.tag, original._pos
    return copy


def _rebuild_map(items, start, end, tag, pos):
    m = YMap(items)
    m.start, m.end, m.tag, m._pos = start, end, tag, pos
    return m


def _rebuild_seq(items, start, end, tag, pos):
    s = YSeq(items)
    s.start, s.end, s.tag, s._pos = start, end, tag, pos
    return s


@dataclass(frozen=True, slots=True)
class DuplicateKey:
    key: Any
    span: Span  # the second occurrence
    first_line: int
    first_span: Span | None = None


@dataclass(slots=True)
class YamlDocument:
    """One document of a YAML stream."""

    root: Any
    index: int
    span: Span
    duplicate_keys: list[DuplicateKey] = field(default_factory=list)


# --- implicit scalar resolution (YAML 1.1, as PyYAML's safe loader) -----------------

_BOOLS = {
    "yes": True, "Yes": True, "YES": True, "true": True, "True": True, "TRUE": True,
    "on": True, "On": True, "ON": True,
    "no": False, "No": False, "NO": False, "false": False, "False": False, "FALSE": False,
    "off": False, "Off": False, "OFF": False,
}  # fmt: skip
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
_INT = re.compile(
    r"""[-+]?(?:0b[0-1_]+|0[0-7_]+|(?:0|[1-9][0-9_]*)|0x[0-9a-fA-F_]+|[1-9][0-9_]*(?::[0-5]?[0-9])+)$"""
)
_FLOAT = re.compile(
    r"""(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?
    |\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?
    |[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*
    |[-+]?\.(?:inf|Inf|INF)
    |\.(?:nan|NaN|NAN))$""",
    re.X,
)
_NUMBER_START = frozenset("-+0123456789.")
#: Integers wider than this stay text. Python refuses to print an integer of more than
#: 4,300 decimal digits (``sys.set_int_max_str_digits``), so a rule's f-string would fail
#: on it; PyYAML refuses the decimal ones outright. 14,000 bits is 4,215 digits.
MAX_INT_BITS = 14_000


def _to_int(text: str) -> int:
    """The value of an integer scalar; ValueError for one that has no digits (``0x_``,
    which PyYAML's pattern admits and its constructor then fails on) or is wider than
    :data:`MAX_INT_BITS`, which the callers keep as text."""
    value = _int_value(text)
    if value.bit_length() > MAX_INT_BITS:
        raise ValueError("integer too wide")
    return value


def _int_value(text: str) -> int:
    value = text.replace("_", "")
    sign = 1
    if value[0] in "+-":
        sign = -1 if value[0] == "-" else 1
        value = value[1:]
    if value == "0":
        return 0
    if value.startswith("0b"):
        return sign * int(value[2:], 2)
    if value.startswith("0x"):
        return sign * int(value[2:], 16)
    if ":" in value:
        result = 0
        for part in value.split(":"):
            result = result * 60 + int(part)
            if result.bit_length() > MAX_INT_BITS:  # 1:1:1:...: stop before the work grows
                raise ValueError("integer too wide")
        return sign * result
    if value[0] == "0":
        return sign * int(value, 8)
    return sign * int(value)


def _to_float(text: str) -> float:
    value = text.replace("_", "").lower()
    sign = -1.0 if value[0] == "-" else 1.0
    if value[0] in "+-":
        value = value[1:]
    if value == ".inf":
        return sign * float("inf")
    if value == ".nan":
        return float("nan")
    if ":" in value:
        result = 0.0
        for part in value.split(":"):
            result = result * 60 + float(part)
        return sign * result
    return sign * float(value)


def resolve_plain(text: str) -> Any:
    """Value of a plain (unquoted, untagged) scalar. An integer that PyYAML would fail to
    construct (``0b_``, 5,000 digits) or that is too wide to print stays text, as YAML
    1.2 loaders (the Go tools') read a scalar they cannot make a number of."""
    if not text:
        return None
    first = text[0]
    if first in _NUMBER_START:
        if _INT.match(text):
            try:
                return _to_int(text)
            except ValueError:
                return text
        if _FLOAT.match(text):
            return _to_float(text)
        return text
    if first in "yYnNtTfFoO" and text in _BOOLS:
        return _BOOLS[text]
    if text in _NULLS:
        return None
    return text


#: Values of plain scalars already resolved, by text: keys and common values (``name``,
#: ``true``, ``80``) repeat across a run, and a lookup costs a fraction of resolving.
_PLAIN_VALUES: dict[str, Any] = {}
_PLAIN_VALUES_MAX = 100_000
_PLAIN_TEXT_MAX = 64
_UNRESOLVED = object()


_CORE_TAGS = {
    "tag:yaml.org,2002:str": str,
    "tag:yaml.org,2002:int": _to_int,
    "tag:yaml.org,2002:float": _to_float,
    "tag:yaml.org,2002:bool": lambda t: _BOOLS[t],
    "tag:yaml.org,2002:null": lambda t: None,
}


def _tagged_scalar(text: str, tag: str) -> Any:
    convert = _CORE_TAGS.get(tag)
    if convert is not None:
        try:
            return convert(text)
        except (ValueError, KeyError):
            return text
    if tag.startswith("tag:yaml.org,2002:"):  # binary, timestamp, set members...: keep text
        return text
    return Tagged(text, tag)


# --- the loader ---------------------------------------------------------------------

MERGE_KEY = "<<"


class _Frame:
    """A collection being built: the object, its positions, and for mappings the key
    waiting for its value."""

    __slots__ = ("obj", "pos", "is_map", "key", "key_start", "key_end", "merges", "size", "last_end", "anchor", "flow")

    def __init__(self, obj, is_map, anchor, flow):
        self.obj = obj
        self.pos = obj._pos
        self.is_map = is_map
        self.key = _NO_KEY
        self.key_start = self.key_end = None
        self.merges = None
        self.size = 1
        self.last_end = None
        self.anchor = anchor
        self.flow = flow


_NO_KEY = object()
#: Stands for a plain ``<<`` key while its mapping is built (a quoted "<<" is a normal key).
_MERGE = object()


def _yaml_error(exc: Exception, source: SourceFile) -> ParseError:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    context = getattr(exc, "context", None)
    message = f"invalid YAML: {problem}" + (f" ({context})" if context else "")
    if mark is not None:
        return ParseError(message, Span.point(mark.line + 1, mark.column + 1))
    position = getattr(exc, "position", None)
    if position is not None:  # ReaderError: character offset of a forbidden character
        line, column = source.position(position)
        return ParseError(message, Span.point(line, column))
    return ParseError(message)


def load(source: SourceFile) -> list[YamlDocument]:
    """Every document of the file; raises :class:`ParseError` at the offending position."""
    loader = _Loader(source.text)
    # The values built hold no reference cycles (an alias is only ever to a finished
    # node), so the cyclic collector has nothing to find in them. Left on with Python's
    # default thresholds (a library caller's; the CLI raises them), it traverses the whole
    # growing tree again and again: 100,000 small documents loaded in 6.6 s, 2.8 s without.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _build(loader, source)
    except yaml.YAMLError as exc:
        raise _yaml_error(exc, source) from None
    except RecursionError:
        raise ParseError("YAML nested too deeply to lint") from None
    finally:
        if collecting:
            gc.enable()
        loader.dispose()


def _build(loader, source: SourceFile) -> list[YamlDocument]:
    """Events to values in one pass. The scalar case, most of the events, is written out
    in the loop (no helper call per scalar): this loop is the YAML layer's cost."""
    get_event = loader.get_event
    documents: list[YamlDocument] = []
    stack: list[_Frame] = []
    top: _Frame | None = None  # stack[-1], kept in a local for the hot path
    anchors: dict[str, tuple[Any, int]] = {}
    duplicates: list[DuplicateKey] = []
    doc_start = None
    root: Any = None
    expanded = 0
    new_map = YMap.__new__
    new_seq = YSeq.__new__
    plain_values = _PLAIN_VALUES
    known_plain = plain_values.get

    def attach(frame: _Frame, value, start, end, size) -> None:
        """Put a finished collection or an alias's value into ``frame``."""
        frame.size += size
        frame.last_end = end
        if not frame.is_map:
            frame.obj.append(value)
            frame.pos.append((start, end))
            return
        key = frame.key
        if key is _NO_KEY:
            frame.key, frame.key_start, frame.key_end = _hashable(value), start, end
            return
        frame.key = _NO_KEY
        if key is _MERGE:
            frame.merges = (frame.merges or []) + [value]
            return
        _set(frame, key, value, start, end)

    def _set(frame: _Frame, key, value, start, end) -> None:
        pos = frame.pos
        if key in pos:
            first = pos[key]
            duplicates.append(DuplicateKey(key, _span(frame.key_start, frame.key_end), first[0].line + 1, _span(first[0], first[1])))
        frame.obj[key] = value
        pos[key] = (frame.key_start, frame.key_end, start, end)

    while True:
        event = get_event()
        cls = event.__class__
        if cls is ScalarEvent:
            tag = event.tag
            text = event.value
            if tag is None or tag == "!":
                if not event.implicit[0]:
                    value = text
                else:
                    value = known_plain(text, _UNRESOLVED)
                    if value is _UNRESOLVED:
                        value = resolve_plain(text)
                        if len(text) <= _PLAIN_TEXT_MAX and len(plain_values) < _PLAIN_VALUES_MAX:
                            plain_values[text] = value
            else:
                value = _tagged_scalar(text, tag)
            start = event.start_mark
            end = event.end_mark
            if event.anchor is not None:
                anchors[event.anchor] = (value, 1)
            if top is None:
                root = value
                continue
            top.size += 1
            top.last_end = end
            if not top.is_map:
                top.obj.append(value)
                top.pos.append((start, end))
                continue
            key = top.key
            if key is _NO_KEY:
                top.key = _MERGE if text == MERGE_KEY and event.implicit[0] else value
                top.key_start = start
                top.key_end = end
                continue
            top.key = _NO_KEY
            if key is _MERGE:
                top.merges = (top.merges or []) + [value]
            elif key in top.pos:
                _set(top, key, value, start, end)
            else:
                top.obj[key] = value
                top.pos[key] = (top.key_start, top.key_end, start, end)
        elif cls is MappingStartEvent or cls is SequenceStartEvent:
            if len(stack) >= MAX_DEPTH:
                mark = event.start_mark
                raise ParseError(
                    f"YAML nested more than {MAX_DEPTH} levels deep; not linted",
                    Span.point(mark.line + 1, mark.column + 1),
                )
            is_map = cls is MappingStartEvent
            obj = new_map(YMap) if is_map else new_seq(YSeq)
            obj._pos = {} if is_map else []
            obj.start = event.start_mark
            obj.end = None
            obj.tag = event.tag
            top = _Frame(obj, is_map, event.anchor, event.flow_style)
            stack.append(top)
        elif cls is MappingEndEvent or cls is SequenceEndEvent:
            frame = stack.pop()
            top = stack[-1] if stack else None
            obj = frame.obj
            if frame.merges:
                _apply_merges(obj, frame.merges)
            # A block collection's end event sits at the next token, possibly lines
            # later; its real end is the end of its last item.
            obj.end = event.end_mark if frame.flow or frame.last_end is None else frame.last_end
            if frame.anchor is not None:
                anchors[frame.anchor] = (obj, frame.size)
            if top is None:
                root = obj
            else:
                attach(top, obj, obj.start, obj.end, frame.size)
        elif cls is AliasEvent:
            try:
                value, size = anchors[event.anchor]
            except KeyError:
                mark = event.start_mark
                raise ParseError(
                    f"invalid YAML: found undefined alias {event.anchor!r}",
                    Span.point(mark.line + 1, mark.column + 1),
                ) from None
            expanded += size
            if expanded > MAX_EXPANDED_NODES:
                mark = event.start_mark
                raise ParseError(
                    f"YAML aliases expand to more than {MAX_EXPANDED_NODES:,} nodes "
                    f"(alias bomb?); refusing to load",
                    Span.point(mark.line + 1, mark.column + 1),
                )
            # The alias token itself is where the value appears in this file.
            if top is None:
                root = value
            else:
                attach(top, value, event.start_mark, event.end_mark, size)
        elif cls is DocumentStartEvent:
            doc_start = event.start_mark
            root = None
            duplicates = []
            anchors.clear()
            expanded = 0
        elif cls is DocumentEndEvent:
            span = _span(doc_start, event.end_mark)
            documents.append(YamlDocument(root, len(documents), span, duplicates))
        elif cls is StreamEndEvent:
            return documents


def _hashable(value):
    """A collection used as a mapping key (rare, legal YAML) as a hashable value."""
    if isinstance(value, YSeq):
        return tuple(_hashable(v) for v in value)
    if isinstance(value, YMap):
        return tuple((k, _hashable(v)) for k, v in value.items())
    return value


def _apply_merges(obj: YMap, merges: list) -> None:
    """``<<: *base`` / ``<<: [*a, *b]``: keys of the merged maps that the mapping does not
    set itself; with several maps, the first one listed wins (as in PyYAML)."""
    sources: list = []
    for merged in merges:
        if isinstance(merged, YSeq):
            sources.extend(m for m in merged if isinstance(m, YMap))
        elif isinstance(merged, YMap):
            sources.append(merged)
    pos = obj._pos
    for source in sources:
        for key, value in source.items():
            if key not in pos:
                obj[key] = value
                pos[key] = source._pos[key]


def scalar_offsets(source: SourceFile, span: Span, value: str):
    """An :class:`~lintkit.shell.OffsetMap` from each character of a scalar's value to the
    file, whatever the scalar's style (plain, quoted, literal ``|`` or folded ``>``), so a
    script in a YAML string can be parsed and its findings still point into the file.

    Runs of non-blank characters of the value are found in order in the scalar's source
    text (a block scalar's lines appear verbatim after their indentation, a folded or
    multi-line plain scalar's words too); what cannot be found (an escape sequence of a
    double-quoted string) maps to where the search stood.
    """
    from .shell import OffsetMap

    text = source.text
    start = source.offset(span.line, span.column)
    end = source.offset(span.end_line, span.end_column)
    if start < len(text) and text[start] in "|>":  # block scalar: content starts on the next line
        newline = text.find("\n", start)
        start = newline + 1 if newline != -1 and newline < end else start
    elif start < len(text) and text[start] in "'\"":
        start += 1
    pieces: list[tuple[int, int]] = []
    position = start
    for run in _NON_BLANK_RUN.finditer(value):
        chunk = run.group()
        found = text.find(chunk, position, end)
        if found == -1:
            pieces.append((run.start(), position))
        else:
            pieces.append((run.start(), found))
            position = found + len(chunk)
    return OffsetMap(pieces or [(0, start)], source)


_NON_BLANK_RUN = re.compile(r"\S+")  # \s is str.isspace() for str patterns


def walk(value: Any, path: tuple = ()) -> Iterator[tuple[tuple, Any, Any]]:
    """Every (path, parent, value) below ``value``, depth first; ``parent`` is the YMap or
    YSeq holding the value (None for the root) and the last path element its key/index."""
    stack = [(path, None, value)]
    while stack:
        item = stack.pop()
        yield item
        p, _parent, v = item
        if isinstance(v, YMap):
            stack.extend((p + (k,), v, child) for k, child in reversed(list(v.items())))
        elif isinstance(v, YSeq):
            stack.extend((p + (i,), v, child) for i, child in reversed(list(enumerate(v))))


def span_at(root: Any, path: tuple | list, *, key: bool = False) -> Span | None:
    """Span of the value (or its key) at ``path``; the nearest existing ancestor's span if
    the path does not exist all the way (so a missing field is reported at its parent)."""
    node = root
    best = root.span if isinstance(root, (YMap, YSeq)) else None
    for i, step in enumerate(path):
        last = i == len(path) - 1
        if isinstance(node, YMap) and step in node._pos:
            best = node.key_span(step) if (key and last) else node.value_span(step)
            node = node[step]
        elif isinstance(node, YSeq) and isinstance(step, int) and 0 <= step < len(node):
            best = node.item_span(step)
            node = node[step]
        else:
            break
    return best
