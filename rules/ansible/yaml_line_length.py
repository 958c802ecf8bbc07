"""Lines longer than the limit."""

from lintkit.model import Example, Problem, Span, rule

from . import yaml_layout


def _unbreakable(line: str) -> bool:
    """A line whose content (after indentation, a ``- `` or ``# ``) is one word: a long
    URL or hash cannot be wrapped."""
    content = line.lstrip(" ")
    if content.startswith("#"):
        content = content.lstrip("#")[1:]
    elif content.startswith("-"):
        content = content[2:]
    return " " not in content


@rule(
    id="AN043",
    name="yaml-line-length",
    severity="style",
    summary="Line longer than the limit (160 characters)",
    rationale=(
        "Very long lines are hard to review in diffs and side by side; YAML offers folded "
        "(`>-`) and literal (`|`) blocks and lists to break them. Lines that are one "
        "unbreakable word (a URL) are accepted."
    ),
    tags=("style",),
    aliases=("ansible-lint:yaml[line-length]",),
    options={"type": "object", "properties": {"max": {"type": "integer", "minimum": 1, "default": 160}}},
    examples=(
        Example(
            bad="- name: Web\n  hosts: all\n  tasks:\n    - name: Say hi\n      ansible.builtin.debug:\n        msg: " + "word " * 32 + "\n",
            good="- name: Web\n  hosts: all\n  tasks:\n    - name: Say hi\n      ansible.builtin.debug:\n        msg: >-\n          " + "word " * 16 + "\n          " + "word " * 16 + "\n",
            filename="playbook.yml",
        ),
    ),
)
def check(view, ctx):
    if not yaml_layout.applies(view):
        return
    limit = ctx.options.get("max", 160)
    for number, line in enumerate(view.source.lines, start=1):
        if len(line) > limit and not _unbreakable(line):
            yield Problem(Span(number, limit + 1, number, len(line) + 1), f"Line too long ({len(line)} > {limit} characters)")
