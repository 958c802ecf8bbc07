"""Template sources that do not end in .j2."""

from lintkit.model import Example, Problem, rule


@rule(
    id="AN063",
    name="template-extension",
    severity="style",
    summary="ansible.builtin.template src without the .j2 extension",
    rationale=(
        "A `.j2` suffix tells readers and editors that the file is rendered by Jinja, so "
        "it gets Jinja highlighting and is not mistaken for a static file copied as is. "
        "Off by default, as in ansible-lint."
    ),
    tags=("style",),
    aliases=("ansible-lint:jinja-template-extension",),
    enabled=False,
    examples=(
        Example(
            bad="- name: Configure nginx\n  ansible.builtin.template:\n    src: nginx.conf\n    dest: /etc/nginx/nginx.conf\n    mode: \"0644\"\n",
            good="- name: Configure nginx\n  ansible.builtin.template:\n    src: nginx.conf.j2\n    dest: /etc/nginx/nginx.conf\n    mode: \"0644\"\n",
            filename="roles/web/tasks/main.yml",
        ),
    ),
)
def check(playbook, ctx):
    for task in playbook.tasks_using("ansible.builtin.template"):
        src = task.args.get("src")
        if isinstance(src, str) and src and "{{" not in src and "{%" not in src and not src.endswith(".j2"):
            yield Problem(task.arg_span("src"), f"Template source {src} should end in .j2")
