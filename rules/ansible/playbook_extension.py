"""Playbooks saved under a name that does not end in .yml or .yaml."""

import posixpath
import re

from lintkit.model import Example, Problem, Span, rule

_YAML = (".yml", ".yaml")
#: A playbook of a collection, named by its FQCN (``acme.web.deploy``): no file name.
_COLLECTION_PLAYBOOK = re.compile(r"[a-z0-9_]+\.[a-z0-9_]+(\.[A-Za-z0-9_]+)+")


@rule(
    id="AN062",
    name="playbook-extension",
    severity="warning",
    summary="Playbook file without a .yml or .yaml extension",
    rationale=(
        "Editors, linters, CI path filters and ansible-lint's own file detection pick "
        "playbooks by their `.yml`/`.yaml` extension; a playbook named `site` or "
        "`deploy.json` gets no YAML support and is silently left out of checks."
    ),
    tags=("maintainability",),
    aliases=("ansible-lint:playbook-extension",),
    examples=(
        Example(
            bad="- name: Everything\n  ansible.builtin.import_playbook: webservers\n",
            good="- name: Everything\n  ansible.builtin.import_playbook: webservers.yml\n",
            filename="site.yml",
        ),
    ),
)
def check(playbook, ctx):
    if playbook.role == "playbook" and not playbook.path.lower().endswith(_YAML):
        yield Problem(Span.point(1), f"Playbook {posixpath.basename(playbook.path)} should end in .yml or .yaml")
    for reference in playbook.references:
        if reference.kind != "playbook" or "{{" in reference.target or "{%" in reference.target:
            continue
        if _COLLECTION_PLAYBOOK.fullmatch(reference.target):
            continue
        if not reference.target.lower().endswith(_YAML):
            yield Problem(reference.span, f"Imported playbook {reference.target} should end in .yml or .yaml")
