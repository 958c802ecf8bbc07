"""copy/template ``src`` climbing out of the role with ``../files`` or ``../templates``."""

from lintkit.model import Example, Problem, rule

#: module -> the role folder Ansible already searches for its ``src``.
_SEARCHED_FOLDER = {
    "ansible.builtin.copy": "files",
    "ansible.windows.win_copy": "files",
    "ansible.builtin.template": "templates",
    "ansible.windows.win_template": "win_templates",
}


@rule(
    id="AN018",
    name="no-relative-paths",
    severity="warning",
    summary="copy/template src given as a relative ../files or ../templates path",
    rationale=(
        "copy and template already look for `src` in the role's `files/` and `templates/` "
        "folders (and beside the playbook). A `../templates/x` path ties the task to one "
        "folder layout and breaks when the task file moves; name the file alone."
    ),
    tags=("maintainability",),
    aliases=("ansible-lint:no-relative-paths",),
    examples=(
        Example(
            bad="- name: Write config\n  ansible.builtin.template:\n    src: ../templates/app.conf.j2\n    dest: /etc/app.conf\n    mode: \"0644\"\n",
            good="- name: Write config\n  ansible.builtin.template:\n    src: app.conf.j2\n    dest: /etc/app.conf\n    mode: \"0644\"\n",
            filename="roles/app/tasks/main.yml",
        ),
    ),
)
def check(playbook, ctx):
    for task in playbook.tasks:
        folder = _SEARCHED_FOLDER.get(task.module or "")
        src = task.args.get("src")
        if folder and isinstance(src, str) and f"../{folder}" in src:
            yield Problem(task.arg_span("src"), f"src {src!r} climbs to ../{folder}: name the file; {task.short_module} searches {folder}/ itself")
