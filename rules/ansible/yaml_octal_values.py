"""Numbers written in octal (0644, 0o644) without quotes."""

import re

from lintkit.model import Example, Problem, rule

from . import yaml_layout

_OCTAL_DIGITS = re.compile(r"^[0-7]+$")


@rule(
    id="AN042",
    name="yaml-octal-values",
    severity="warning",
    summary="Unquoted octal number (0644, 0o644)",
    rationale=(
        "YAML 1.1 reads `0644` as octal (420) and YAML 1.2 as decimal 644, and `0o644` the "
        "other way round: the value depends on the parser. File modes in particular should "
        "be quoted strings (`mode: \"0644\"`), which every module reads as octal."
    ),
    tags=("reliability",),
    aliases=("ansible-lint:yaml[octal-values]",),
    examples=(
        Example(
            bad="- name: Web\n  hosts: all\n  tasks:\n    - name: Config\n      ansible.builtin.file:\n        path: /etc/app\n        state: directory\n        mode: 0755\n",
            good="- name: Web\n  hosts: all\n  tasks:\n    - name: Config\n      ansible.builtin.file:\n        path: /etc/app\n        state: directory\n        mode: \"0755\"\n",
            filename="playbook.yml",
        ),
    ),
)
def check(view, ctx):
    if not yaml_layout.applies(view):
        return
    for value, span in view.typed_scalars:
        if value is True or value is False:
            continue
        written = view.source.text_of(span)
        implicit = written.isdigit() and len(written) > 1 and written[0] == "0" and _OCTAL_DIGITS.match(written[1:])
        explicit = len(written) > 2 and written[:2] == "0o" and _OCTAL_DIGITS.match(written[2:])
        if implicit or explicit:
            kind = "implicit" if implicit else "explicit"
            yield Problem(span, f"Unquoted {kind} octal value {written}: quote it (\"{written}\")")
