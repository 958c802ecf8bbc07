"""Spaces inside flow sequences [ ] and mappings { }."""

import yaml

from lintkit.model import Example, Problem, Span, rule

from . import yaml_layout

#: opening token, closing token, most spaces allowed inside, what to call them
_KINDS = (
    (yaml.FlowSequenceStartToken, yaml.FlowSequenceEndToken, 0, "brackets"),
    (yaml.FlowMappingStartToken, yaml.FlowMappingEndToken, 1, "braces"),
)


@rule(
    id="AN048",
    name="yaml-brackets",
    severity="style",
    summary="Spaces inside [ ] (none allowed) or { } (one at most)",
    rationale="`[a, b]` and `{a: 1}` (or `{ a: 1 }`) are the spellings formatters produce and reviewers expect.",
    tags=("style",),
    aliases=("ansible-lint:yaml[brackets]", "ansible-lint:yaml[braces]"),
    examples=(
        Example(
            bad="- name: Web\n  hosts: all\n  tags: [ web, nginx ]\n  tasks: []\n",
            good="- name: Web\n  hosts: all\n  tags: [web, nginx]\n  tasks: []\n",
            filename="playbook.yml",
        ),
    ),
)
def check(view, ctx):
    if not yaml_layout.applies(view) or not yaml_layout.may_contain(view, "[ ", " ]", "{  ", "  }"):
        return
    tokens = view.tokens
    openings: list[tuple[int, int]] = []  # (token index, kind index) of open collections
    for index, token in enumerate(tokens):
        for kind, (opening, closing, allowed, what) in enumerate(_KINDS):
            if isinstance(token, opening):
                openings.append((index, kind))
            elif isinstance(token, closing) and openings:
                start, _ = openings.pop()
                if start + 1 == index:
                    continue  # [] or {}
                inside = (_gap(tokens[start].end_mark, tokens[start + 1].start_mark), _gap(tokens[index - 1].end_mark, token.start_mark))
                if any(gap is not None and gap > allowed for gap in inside):
                    first, last = tokens[start].start_mark, token.end_mark
                    span = Span(first.line + 1, first.column + 1, last.line + 1, last.column + 1)
                    yield Problem(span, f"Too many spaces inside {what}")


def _gap(before, after) -> int | None:
    """Spaces between two marks on the same line (None across lines)."""
    return after.column - before.column if before.line == after.line else None
