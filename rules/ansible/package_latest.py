"""Package installs with ``state: latest``."""

from lintkit.model import Example, Problem, rule

from .modules import PACKAGE_MODULES


@rule(
    id="AN001",
    name="package-latest",
    severity="warning",
    summary="Package installed with state: latest",
    rationale=(
        "`state: latest` upgrades the package whenever the play runs, so two runs of the same "
        "playbook install different versions and a routine deploy becomes an unplanned "
        "upgrade. Use `state: present` and pin the version where it matters."
    ),
    tags=("reliability",),
    aliases=("ansible-lint:package-latest",),
    examples=(
        Example(
            bad="- hosts: all\n  tasks:\n    - name: Install nginx\n      ansible.builtin.apt:\n        name: nginx\n        state: latest\n",
            good="- hosts: all\n  tasks:\n    - name: Install nginx\n      ansible.builtin.apt:\n        name: nginx\n        state: present\n",
            filename="playbook.yml",
        ),
    ),
)
def check(playbook, ctx):
    for task in playbook.tasks:
        if task.module in PACKAGE_MODULES and task.args.get("state") == "latest":
            # A pinned version, or a run that only upgrades or downloads what is there:
            # nothing new is installed (ansible-lint accepts these too).
            if any(task.args.get(k) for k in ("version", "update_only", "only_upgrade", "download_only")):
                continue
            yield Problem(task.arg_span("state"), f"{task.module} installs with state: latest; use state: present")
