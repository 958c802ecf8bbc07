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
    for index, token in enumerate(tokens):
        for opening, closing, allowed, what in _KINDS:
            if isinstance(token, opening) and index + 1 < len(tokens):
                following = tokens[index + 1]
                if isinstance(following, closing):
                    continue  # [] or {}
                yield from _gap(token.end_mark, following.start_mark, allowed, what)
            elif isinstance(token, closing) and index and not isinstance(tokens[index - 1], opening):
                yield from _gap(tokens[index - 1].end_mark, token.start_mark, allowed, what)


def _gap(before, after, allowed: int, what: str):
    if before.line != after.line:
        return
    spaces = after.column - before.column
    if spaces > allowed:
        yield Problem(
            Span(before.line + 1, before.column + 1, after.line + 1, after.column + 1),
            f"Too many spaces inside {what}",
        )
