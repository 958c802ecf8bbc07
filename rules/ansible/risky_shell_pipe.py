"""Pipelines in shell tasks without pipefail."""

from lintkit.model import Example, Problem, Span, rule

from .common import to_bool


@rule(
    id="AN010",
    name="risky-shell-pipe",
    severity="warning",
    summary="shell pipeline without `set -o pipefail`",
    rationale=(
        "A pipeline's exit status is its last command's: in `curl -fsSL $URL | tar xz` a "
        "failed download still exits 0 and the task passes. `set -o pipefail` (bash) makes "
        "any failing stage fail the pipeline, so Ansible sees the failure."
    ),
    tags=("reliability",),
    aliases=("ansible-lint:risky-shell-pipe",),
    examples=(
        Example(
            bad="- name: Web\n  hosts: all\n  tasks:\n    - name: Count users\n      ansible.builtin.shell: who | wc -l\n      changed_when: false\n",
            good=(
                "- name: Web\n  hosts: all\n  tasks:\n    - name: Count users\n"
                "      ansible.builtin.shell: set -o pipefail && who | wc -l\n"
                "      args:\n        executable: /bin/bash\n      changed_when: false\n"
            ),
            filename="playbook.yml",
        ),
    ),
)
def check(playbook, ctx):
    for task in playbook.tasks:
        if task.module != "ansible.builtin.shell" or task.command is None:
            continue
        if to_bool(task.node.get("ignore_errors")) or to_bool(task.args.get("ignore_errors")):
            continue  # failures are ignored anyway
        if "pwsh" in str(task.args.get("executable", "")):
            continue
        for pipeline in task.command.script.pipelines:
            last = pipeline.elements[-1][-1]
            if "pipefail" in last.options:
                continue
            first = pipeline.elements[0][0]
            start, end = first.span, last.span
            span = Span(start.line, start.column, end.end_line, end.end_column)
            yield Problem(span, "Pipeline without `set -o pipefail`: a failing stage before the last goes unnoticed")
            break
