"""Files created without an explicit mode."""

from lintkit.model import Example, Problem, rule

from .modules import FILE_MODULES, FILE_MODULES_WITH_CREATE, PRESERVE_MODE_MODULES


@rule(
    id="AN014",
    name="risky-file-permissions",
    severity="warning",
    summary="File-creating module without an explicit mode",
    rationale=(
        "Without `mode:` a new file gets permissions from the remote umask and the module's "
        "version (ansible/ansible#71200 changed them once already): a private key or a "
        "config with credentials can end up world-readable. Say the mode. `mode: preserve` "
        "is only understood by copy and template."
    ),
    tags=("security",),
    aliases=("ansible-lint:risky-file-permissions",),
    examples=(
        Example(
            bad="- name: Web\n  hosts: all\n  tasks:\n    - name: Write config\n      ansible.builtin.template:\n        src: app.conf.j2\n        dest: /etc/app.conf\n",
            good="- name: Web\n  hosts: all\n  tasks:\n    - name: Write config\n      ansible.builtin.template:\n        src: app.conf.j2\n        dest: /etc/app.conf\n        mode: \"0640\"\n",
            filename="playbook.yml",
        ),
    ),
)
def check(playbook, ctx):
    for task in playbook.tasks:
        module = task.module
        if module not in FILE_MODULES and module not in FILE_MODULES_WITH_CREATE:
            continue
        args = task.args
        if not isinstance(task.node.get("args", {}), dict):
            continue  # args: "{{ ... }}": what they hold is not known
        mode = args.get("mode")
        if mode == "preserve" and module not in PRESERVE_MODE_MODULES:
            yield Problem(task.arg_span("mode"), f"{task.short_module} does not support mode: preserve")
            continue
        if mode is not None:
            continue
        if module in FILE_MODULES_WITH_CREATE:
            if args.get("create", FILE_MODULES_WITH_CREATE[module]) not in (False, "false", "no", "False"):
                yield Problem(task.action_span(), f"{task.short_module} may create the file without a mode: set mode:")
            continue
        state = args.get("state")
        if state in ("absent", "link") or args.get("recurse"):
            continue  # nothing created, a symlink (always 0777), or a tree (no single mode)
        if task.short_module == "file" and state in (None, "file"):
            continue  # state: file only changes an existing file
        if task.short_module == "replace":
            continue  # edits an existing file and keeps its mode
        yield Problem(task.action_span(), f"{task.short_module} creates a file without mode:; set it explicitly")
