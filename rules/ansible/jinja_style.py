"""Jinja expressions with irregular spacing, or that do not close."""

from __future__ import annotations

import re

from lintkit.model import Example, Problem, rule
from lintkit.yamlmodel import scalar_offsets
from lintkit.yamlmodel import YMap, YSeq

from .common import CONDITION_KEYS

_OPENERS = {"{{": "}}", "{%": "%}"}
_PUNCTUATION = set("()[]{},|:.+-*/%~<>=!")
_NO_SPACE_AFTER = ("(", "[")
_NO_SPACE_BEFORE = (")", "]", ",")
#: Spacing that _respaced may change; an expression without any is left as it is.
_SUSPICIOUS = re.compile(r"\s\s|\S\||\|\S|[(\[]\s|\s[)\],]|,\S")


def _tokens(expression: str):
    """(text, start, end) tokens of a Jinja expression: strings whole, words, and
    punctuation one character at a time (two for comparison operators)."""
    i = 0
    length = len(expression)
    while i < length:
        char = expression[i]
        if char.isspace():
            i += 1
            continue
        start = i
        if char in "'\"":
            i += 1
            while i < length and expression[i] != char:
                i += 2 if expression[i] == "\\" else 1
            i = min(i + 1, length)
        elif char in _PUNCTUATION:
            i += 2 if expression[i : i + 2] in ("==", "!=", "<=", ">=", "//", "**") else 1
        else:
            while i < length and not expression[i].isspace() and expression[i] not in _PUNCTUATION and expression[i] not in "'\"":
                i += 1
        yield expression[start:i], start, i


def _respaced(expression: str) -> str:
    """The expression with single spaces around filters, none inside brackets and
    before commas, one after commas, and runs of spaces reduced to one."""
    tokens = list(_tokens(expression))
    out: list[str] = []
    for index, (text, start, _end) in enumerate(tokens):
        if index:
            previous, _pstart, pend = tokens[index - 1]
            gap = expression[pend:start]
            if text == "|" or previous == "|":
                gap = " "
            elif previous in _NO_SPACE_AFTER or text in _NO_SPACE_BEFORE:
                gap = ""
            elif previous == ",":
                gap = " "
            elif len(gap) > 1:
                gap = " "
            out.append(gap)
        out.append(text)
    return "".join(out)


def _blocks(value: str):
    """(start, end, opener, closer) of each ``{{ }}``/``{% %}`` block; (start, None...) for
    one that does not close."""
    position = 0
    while True:
        starts = [(value.find(o, position), o) for o in _OPENERS]
        starts = [(s, o) for s, o in starts if s != -1]
        if not starts:
            return
        start, opener = min(starts)
        closer = _OPENERS[opener]
        end = _closing(value, start + 2, closer)
        if end == -1:
            yield start, None, opener, closer
            return
        yield start, end + 2, opener, closer
        position = end + 2


def _closing(value: str, position: int, closer: str) -> int:
    """Index of the closer, skipping quoted strings inside the expression."""
    end = value.find(closer, position)
    if end == -1 or ("'" not in value[position:end] and '"' not in value[position:end]):
        return end  # no string before the first closer: it is the closer
    quote = None
    i = position
    while i < len(value) - 1:
        char = value[i]
        if quote:
            if char == "\\":
                i += 2
                continue
            if char == quote:
                quote = None
        elif char in "'\"":
            quote = char
        elif value.startswith(closer, i):
            return i
        i += 1
    return -1


def reformat(value: str) -> tuple[str, tuple[int, int, str] | None] | None:
    """The value with its Jinja blocks' spacing made regular, and the first block that
    changes (start and end offsets in ``value``, its new text); None when a block does
    not close.
    Blocks spanning lines are left alone."""
    pieces: list[str] = []
    position = 0
    first_change = None
    for start, end, opener, closer in _blocks(value):
        if end is None:
            return None
        inner = value[start + 2 : end - 2]
        if "\n" in inner:
            continue
        left = inner[0] if inner[:1] in ("-", "+") else ""
        right = "-" if inner.endswith("-") and len(inner) > len(left) else ""
        body = inner[len(left) : len(inner) - len(right)]
        if not body.strip():
            continue
        stripped = body.strip()
        if body == f" {stripped} " and not _SUSPICIOUS.search(stripped):
            continue  # regular already: nothing for the tokenizer to change
        block = f"{opener}{left} {_respaced(stripped)} {right}{closer}"
        if block != value[start:end] and first_change is None:
            first_change = (start, end, block)
        pieces.append(value[position:start])
        pieces.append(block)
        position = end
    pieces.append(value[position:])
    return "".join(pieces), first_change


def _conditions(node):
    """The conditions written as one string (implicit templates, checked without braces)."""
    for key in CONDITION_KEYS:
        value = node.get(key)
        if isinstance(value, str):
            yield node, key, value


def _strings(node, skip_block_children: bool):
    """(holder, key, value) of every string in a task, nested mappings and lists included."""
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, YMap):
            for key, value in current.items():
                if skip_block_children and current is node and key in ("block", "rescue", "always"):
                    continue
                if isinstance(value, str):
                    yield current, key, value
                elif isinstance(value, (YMap, YSeq)):
                    stack.append(value)
        elif isinstance(current, YSeq):
            for index, item in enumerate(current):
                if isinstance(item, str):
                    yield current, index, item
                elif isinstance(item, (YMap, YSeq)):
                    stack.append(item)


@rule(
    id="AN028",
    name="jinja-style",
    severity="style",
    summary="Jinja expression with irregular spacing, or one that does not close",
    rationale=(
        "`{{ x | default('a') }}` with one space inside the delimiters and around filters is "
        "how the Ansible documentation and formatters write Jinja; mixed spacing makes "
        "templates harder to scan. An expression that is not closed fails at run time."
    ),
    tags=("style",),
    aliases=("ansible-lint:jinja[spacing]", "ansible-lint:jinja[invalid]"),
    examples=(
        Example(
            bad="- name: Web\n  hosts: all\n  tasks:\n    - name: Say hi\n      ansible.builtin.debug:\n        msg: \"{{greeting|default('hi')}}\"\n",
            good="- name: Web\n  hosts: all\n  tasks:\n    - name: Say hi\n      ansible.builtin.debug:\n        msg: \"{{ greeting | default('hi') }}\"\n",
            filename="playbook.yml",
        ),
    ),
)
def check(view, ctx):
    text = view.source.text
    if view.role in ("playbook", "tasks", "handlers"):
        roots = [(entry.node, True) for entry in view.entries]
    elif view.role == "vars":
        roots = [(mapping, False) for mapping in view.variables]
    else:
        return
    if "{{" not in text and "{%" not in text:
        roots = [(root, True) for root, is_task in roots if is_task and any(k in root for k in CONDITION_KEYS)]
    for root, is_task in roots:
        strings = _strings(root, is_task) if "{" in text else _conditions(root)
        for holder, key, value in strings:
            # when/changed_when/failed_when/until are expressions without {{ }}.
            implicit = is_task and holder is root and key in CONDITION_KEYS and "{{" not in value
            if not implicit and "{{" not in value and "{%" not in value:
                continue
            result = reformat(f"{{{{ {value} }}}}" if implicit else value)
            span = holder.value_span(key) if isinstance(holder, YMap) else holder.item_span(key)
            if result is None:
                yield Problem(span, "Jinja expression is not closed")
                continue
            fixed, changed = result
            if changed is None:
                continue
            if implicit:
                yield Problem(span, f"Jinja2 spacing could be improved: {value} -> {fixed[3:-3]}")
            else:
                start, end, block = changed
                where = scalar_offsets(view.source, span, value).span(start, end)
                yield Problem(where, f"Jinja2 spacing could be improved: {value[start:end]} -> {block}")
