"""Spaces around colons, commas and list hyphens."""

import re

import yaml

from lintkit.model import Example, Problem, Span, rule

from . import yaml_layout


_VALUE, _COMMA, _HYPHEN = yaml.ValueToken, yaml.FlowEntryToken, yaml.BlockEntryToken
#: From the first bracket of a line only (any later one finds the same comma or none).
_TIGHT_COMMA = re.compile(r"(?<![^\n])[^\[{\n]*+[\[{][^\n]*,\S")


def _gap(before, after) -> int | None:
    """Columns between two marks on the same line (None across lines)."""
    return after.column - before.column if before.line == after.line else None


def _span(before, after) -> Span:
    return Span(before.line + 1, before.column + 1, after.line + 1, after.column + 1)


@rule(
    id="AN059",
    name="yaml-spacing",
    severity="style",
    summary="Spaces before a colon or comma, or more than one after a colon, comma or hyphen",
    rationale="`key: value`, `[a, b]` and `- item` with single spaces are the spellings every formatter produces.",
    tags=("style",),
    aliases=("ansible-lint:yaml[colons]", "ansible-lint:yaml[commas]", "ansible-lint:yaml[hyphens]"),
    examples=(
        Example(
            bad="- name: Web\n  hosts:  all\n  tasks: []\n",
            good="- name: Web\n  hosts: all\n  tasks: []\n",
            filename="playbook.yml",
        ),
    ),
)
def check(view, ctx):
    if not yaml_layout.applies(view):
        return
    if not yaml_layout.may_contain(view, " :", ":  ", " ,", ",  ", "-  ") and not _TIGHT_COMMA.search(view.source.text):
        return  # none of the spacings this rule reports occurs anywhere in the text
    tokens = view.tokens
    for index in range(1, len(tokens) - 1):
        token = tokens[index]
        kind = token.__class__
        if kind is not _VALUE and kind is not _COMMA and kind is not _HYPHEN:
            continue
        before, after = tokens[index - 1], tokens[index + 1]
        if kind is _VALUE:
            gap = _gap(before.end_mark, token.start_mark)
            if gap and not isinstance(before, yaml.AliasToken) and token.start_mark.index > before.end_mark.index:
                yield Problem(_span(before.end_mark, token.start_mark), "Too many spaces before colon")
            gap = _gap(token.end_mark, after.start_mark)
            if gap and gap > 1 and not isinstance(after, (yaml.BlockEndToken, yaml.KeyToken)):
                yield Problem(_span(token.end_mark, after.start_mark), "Too many spaces after colon")
        elif kind is _COMMA:
            gap = _gap(before.end_mark, token.start_mark)
            if gap:
                yield Problem(_span(before.end_mark, token.start_mark), "Too many spaces before comma")
            gap = _gap(token.end_mark, after.start_mark)
            if gap == 0 and not isinstance(after, (yaml.FlowSequenceEndToken, yaml.FlowMappingEndToken)):
                yield Problem(_span(token.start_mark, after.start_mark), "Too few spaces after comma")
            elif gap and gap > 1:
                yield Problem(_span(token.end_mark, after.start_mark), "Too many spaces after comma")
        else:
            gap = _gap(token.end_mark, after.start_mark)
            if gap and gap > 1 and not isinstance(after, (yaml.BlockEndToken, yaml.BlockEntryToken)):
                yield Problem(_span(token.end_mark, after.start_mark), "Too many spaces after hyphen")
