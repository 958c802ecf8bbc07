"""Comments without a space after the #."""

import re

from lintkit.model import Edit, Example, Fix, Problem, Span, rule

from . import yaml_layout

#: A # directly followed by text: only then is the token scan worth doing.
#: Tried from the first ``#`` of a run only: from each later one it fails the same way,
#: and trying them all is quadratic in a long run.
_SUSPECT = re.compile(r"(?<!#)#+[^\s#]")


@rule(
    id="AN047",
    name="yaml-comments",
    severity="style",
    summary="Comment without a space after #",
    rationale="`# comment` is the convention of YAML, shell and Python alike, and keeps commented-out code distinguishable from prose.",
    tags=("style",),
    aliases=("ansible-lint:yaml[comments]",),
    fix="safe",
    examples=(
        Example(
            bad="#Deploy the web tier\n- name: Web\n  hosts: all\n  tasks: []\n",
            good="# Deploy the web tier\n- name: Web\n  hosts: all\n  tasks: []\n",
            filename="playbook.yml",
        ),
    ),
)
def check(view, ctx):
    if not yaml_layout.applies(view) or not _SUSPECT.search(view.source.text):
        return  # every # is followed by a space: nothing to report, no scan needed
    for comment in yaml_layout.comments(view):
        body = comment.text.lstrip("#")
        if not body or body[0] in " \t":
            continue
        if comment.line == 1 and comment.column == 1 and body.startswith("!"):
            continue  # a shebang
        column = comment.column + len(comment.text) - len(body)
        span = Span(comment.line, column, comment.line, column + 1)
        yield Problem(span, "Missing starting space in comment", Fix("Add a space", (Edit(Span(comment.line, column, comment.line, column), " "),)))
