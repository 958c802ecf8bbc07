"""import_tasks/include_tasks/import_playbook/include_vars/vars_files naming a file that
is not in the project."""


from lintkit import project, workspace
from lintkit.model import Example, Problem, rule
from lintkit.parsers.ansible import has_jinja, include_root, reference_candidates

_KINDS = ("tasks", "vars", "playbook")


def collect(view, ctx):
    """Static file references of one file, with the folders Ansible resolves them from."""
    references = [
        (r.kind, r.target, r.span, r.via)
        for r in view.references
        if r.kind in _KINDS and not has_jinja(r.target) and r.target
    ]
    if not references:
        return None
    return {"references": references, "role_path": include_root(view.path)}


@rule(
    id="AN060",
    name="include-target-missing",
    severity="error",
    summary="Included or imported file does not exist",
    rationale=(
        "A static `import_tasks`, `import_playbook` or `vars_files` entry that names a file "
        "missing from the project fails the whole playbook at load time; a dynamic "
        "`include_tasks` fails when the run reaches it, after other tasks already changed "
        "hosts. Paths are resolved the way Ansible does: in a role (under roles/ or kept at "
        "the top of its repository) from its tasks/ or vars/ folder and its top, then from "
        "the including file's folder. A path outside the project is not looked for "
        "(`reference-outside-project` reports it)."
    ),
    tags=("reliability",),
    collect=collect,
    examples=(
        Example(
            bad="- name: Web\n  hosts: all\n  tasks:\n    - name: Common\n      ansible.builtin.import_tasks: tasks/commn.yml\n",
            good="- name: Web\n  hosts: all\n  tasks:\n    - name: Common\n      ansible.builtin.import_tasks: tasks/common.yml\n",
            filename="playbook.yml",
            files=(("tasks/common.yml", "- name: Hello\n  ansible.builtin.debug:\n    msg: hi\n"),),
        ),
    ),
)
def check(facts_by_path, ctx):
    within = project.current()
    for path, facts in sorted(facts_by_path.items()):
        for kind, target, span, via in facts["references"]:
            candidates = [c for c in reference_candidates(path, facts["role_path"], kind, target) if within.contains(c)]
            if candidates and not any(workspace.exists(c) for c in candidates):
                yield Problem(span, f"{via}: {target} not found", path=path)
