"""YAML 1.1 booleans other than true/false (yes, no, on, off, True...)."""

from lintkit.model import Edit, Example, Fix, Problem, rule

from . import yaml_layout


@rule(
    id="AN041",
    name="yaml-truthy",
    severity="style",
    summary="Boolean written as yes/no/on/off or capitalised",
    rationale=(
        "YAML 1.1 (Ansible, PyYAML) reads yes/no/on/off as booleans, YAML 1.2 (most other "
        "tools, ansible-lint's formatter) reads them as strings. `true`/`false` mean the "
        "same everywhere; `country: NO` stays Norway only when quoted."
    ),
    tags=("style",),
    aliases=("ansible-lint:yaml[truthy]",),
    fix="safe",
    examples=(
        Example(
            bad="- name: Web\n  hosts: all\n  become: yes\n  tasks: []\n",
            good="- name: Web\n  hosts: all\n  become: true\n  tasks: []\n",
            filename="playbook.yml",
        ),
    ),
)
def check(view, ctx):
    if not yaml_layout.applies(view):
        return
    for value, span in view.typed_scalars:
        if value is True or value is False:
            written = view.source.text_of(span)
            if written not in ("true", "false") and not written.startswith(("!", "&", "*")):
                spelled = "true" if value else "false"
                yield Problem(span, f"Truthy value {written} should be true or false", Fix(f"write {spelled}", (Edit(span, spelled),)))
