"""Downloads without a checksum."""

from lintkit.model import Example, Problem, rule


@rule(
    id="AN055",
    name="download-without-checksum",
    severity="warning",
    summary="get_url download without checksum:",
    rationale=(
        "Without `checksum:` get_url installs whatever the server returns: a compromised "
        "mirror, a re-tagged release or a truncated file goes unnoticed, and with "
        "`force: false` a changed upstream file is never fetched again. Pin the expected "
        "`sha256:` of the file."
    ),
    tags=("security", "reliability"),
    examples=(
        Example(
            bad="- name: Web\n  hosts: all\n  tasks:\n    - name: Download\n      ansible.builtin.get_url:\n        url: https://example.com/app-1.4.tar.gz\n        dest: /tmp/app.tar.gz\n        mode: \"0644\"\n",
            good=(
                "- name: Web\n  hosts: all\n  tasks:\n    - name: Download\n      ansible.builtin.get_url:\n        url: https://example.com/app-1.4.tar.gz\n"
                "        dest: /tmp/app.tar.gz\n        mode: \"0644\"\n        checksum: sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\n"
            ),
            filename="playbook.yml",
        ),
    ),
)
def check(playbook, ctx):
    for task in playbook.tasks:
        if task.module == "ansible.builtin.get_url" and "url" in task.args and not task.args.get("checksum"):
            yield Problem(task.action_span(), "get_url without checksum: the downloaded file is not verified")
