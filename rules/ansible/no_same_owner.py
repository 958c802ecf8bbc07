"""Owner and group carried over when copying between hosts."""

import re

from lintkit.model import Example, Problem, rule

_TAR = re.compile(r"^.*\.tar(\.(gz|bz2|xz))?$")


@rule(
    id="AN017",
    name="no-same-owner",
    severity="info",
    summary="Owner and group preserved when transferring files between hosts",
    rationale=(
        "User and group ids differ between the controller and the managed hosts. "
        "`synchronize` preserves them by default (archive mode) and `unarchive` of a tar "
        "file restores the owners recorded in it, so files can end up owned by an "
        "unrelated account. Pass `owner: false, group: false` or `--no-same-owner`. Off by "
        "default, as in ansible-lint."
    ),
    tags=("security",),
    aliases=("ansible-lint:no-same-owner",),
    enabled=False,
    examples=(
        Example(
            bad="- name: Web\n  hosts: all\n  tasks:\n    - name: Unpack\n      ansible.builtin.unarchive:\n        src: app.tar.gz\n        dest: /opt/app\n",
            good="- name: Web\n  hosts: all\n  tasks:\n    - name: Unpack\n      ansible.builtin.unarchive:\n        src: app.tar.gz\n        dest: /opt/app\n        extra_opts: [--no-same-owner]\n",
            filename="playbook.yml",
        ),
    ),
)
def check(playbook, ctx):
    for task in playbook.tasks:
        args = task.args
        if task.module == "ansible.posix.synchronize":
            if "delegate_to" in task.node:
                continue
            archive = args.get("archive", True)
            if args.get("owner", archive) or args.get("group", archive):
                yield Problem(task.action_span(), "synchronize preserves owner and group: set owner: false and group: false")
        elif task.module == "ansible.builtin.unarchive":
            if task.node.get("delegate_to") != "localhost" and args.get("remote_src"):
                continue
            src = args.get("src")
            extra = args.get("extra_opts") or []
            if not isinstance(src, str) or not isinstance(extra, list):
                continue
            if src.endswith("zip") and "-X" in extra:
                yield Problem(task.arg_span("extra_opts"), "unzip -X restores owner and group from the archive")
            elif _TAR.match(src) and "--no-same-owner" not in extra:
                yield Problem(task.arg_span("src"), "unarchive restores owners recorded in the tar file: add --no-same-owner to extra_opts")
