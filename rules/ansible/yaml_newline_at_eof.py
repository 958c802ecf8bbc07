"""No newline at the end of the file, or Windows line endings."""

from lintkit.model import Edit, Example, Fix, Problem, Span, rule

from . import yaml_layout


@rule(
    id="AN046",
    name="yaml-newline-at-eof",
    severity="style",
    summary="File does not end with a newline, or uses CRLF line endings",
    rationale=(
        "POSIX tools expect text files to end with a newline (a missing one shows as a "
        "changed last line in every diff); CRLF line endings end up inside block scalars "
        "and shell commands on Linux hosts."
    ),
    tags=("style",),
    aliases=("ansible-lint:yaml[new-line-at-end-of-file]", "ansible-lint:yaml[new-lines]"),
    fix="safe",
    examples=(
        Example(
            bad="- name: Web\n  hosts: all\n  tasks: []",
            good="- name: Web\n  hosts: all\n  tasks: []\n",
            filename="playbook.yml",
        ),
    ),
)
def check(view, ctx):
    if not yaml_layout.applies(view):
        return
    text = view.source.text
    if "\r\n" in text:
        first = text.index("\r\n")
        line = text.count("\n", 0, first) + 1
        column = first - (text.rfind("\n", 0, first) + 1) + 1
        yield Problem(Span(line, column, line, column + 1), "Wrong new line character: expected \\n (unix), found \\r\\n")
    if text and not text.endswith("\n"):
        lines = view.source.lines
        line, column = len(lines), len(lines[-1]) + 1
        end = Span(line, column, line, column)
        yield Problem(Span.point(line, column), "No new line character at the end of file", Fix("Add a newline", (Edit(end, "\n"),)))
