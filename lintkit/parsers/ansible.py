"""Ansible playbooks, task and handler files, and variable files.

Tasks are found everywhere Ansible runs them (``pre_tasks``, ``tasks``, ``post_tasks``,
``handlers``, and ``block``/``rescue``/``always`` at any depth). For each task the
action is identified (the one key that is not a task keyword), its module name is
normalised to its fully-qualified collection name, and its arguments are normalised from
the three ways Ansible accepts them: a mapping, free-form ``k=v`` text, and ``args:``.
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass, field
from typing import Any, Iterator

from ..model import Span
from ..source import SourceFile
from ..yamlmodel import YamlDocument, YMap, YSeq

#: Keywords a task may carry besides its action (ansible-core playbook keywords).
TASK_KEYWORDS = frozenset("""
    name action local_action args async become become_exe become_flags become_method
    become_user changed_when check_mode collections connection debugger delay delegate_facts
    delegate_to diff environment failed_when ignore_errors ignore_unreachable listen loop
    loop_control module_defaults no_log notify poll port register remote_user retries
    run_once tags throttle timeout until vars when block rescue always
""".split())

PLAY_TASK_SECTIONS = ("pre_tasks", "tasks", "post_tasks", "handlers")
BLOCK_SECTIONS = ("block", "rescue", "always")
PLAY_MARKERS = ("hosts", "import_playbook", "ansible.builtin.import_playbook")

#: Modules of ansible-core (short name -> ansible.builtin.<name>).
BUILTIN_MODULES = frozenset("""
    add_host apt apt_key apt_repository assemble assert async_status blockinfile command copy
    cron deb822_repository debconf debug dnf dnf5 dpkg_selections expect fail fetch file find
    gather_facts get_url getent git group group_by hostname import_playbook import_role
    import_tasks include include_role include_tasks include_vars iptables known_hosts
    lineinfile meta mount_facts package package_facts pause ping pip raw reboot replace
    rpm_key script service service_facts set_fact set_stats setup shell slurp stat
    subversion systemd systemd_service sysvinit tempfile template unarchive uri user
    validate_argument_spec wait_for wait_for_connection yum yum_repository
""".split())

#: Common modules that moved to collections (short name -> FQCN).
COLLECTION_MODULES = {
    "docker_container": "community.docker.docker_container",
    "docker_image": "community.docker.docker_image",
    "docker_network": "community.docker.docker_network",
    "docker_volume": "community.docker.docker_volume",
    "docker_compose": "community.docker.docker_compose",
    "docker_login": "community.docker.docker_login",
    "ufw": "community.general.ufw",
    "npm": "community.general.npm",
    "gem": "community.general.gem",
    "homebrew": "community.general.homebrew",
    "pacman": "community.general.pacman",
    "zypper": "community.general.zypper",
    "apk": "community.general.apk",
    "timezone": "community.general.timezone",
    "mysql_user": "community.mysql.mysql_user",
    "mysql_db": "community.mysql.mysql_db",
    "postgresql_user": "community.postgresql.postgresql_user",
    "postgresql_db": "community.postgresql.postgresql_db",
    "k8s": "kubernetes.core.k8s",
    "helm": "kubernetes.core.helm",
    "synchronize": "ansible.posix.synchronize",
    "authorized_key": "ansible.posix.authorized_key",
    "sysctl": "ansible.posix.sysctl",
    "firewalld": "ansible.posix.firewalld",
    "selinux": "ansible.posix.selinux",
    "seboolean": "ansible.posix.seboolean",
    "mount": "ansible.posix.mount",
    "acl": "ansible.posix.acl",
    "win_command": "ansible.windows.win_command",
    "win_shell": "ansible.windows.win_shell",
}

#: Modules whose free-form text is a command line, not ``k=v`` pairs.
FREE_FORM_MODULES = frozenset(
    f"ansible.builtin.{m}" for m in ("command", "shell", "raw", "script", "win_command", "win_shell")
) | {"ansible.windows.win_command", "ansible.windows.win_shell"}
#: ``k=v`` words that command-like modules still read as options inside free-form text.
FREE_FORM_OPTIONS = frozenset(("chdir", "creates", "removes", "executable", "warn", "stdin", "stdin_add_newline", "strip_empty_ends"))

_ROLE_DIRS = ("tasks", "handlers", "vars", "defaults", "meta")


def fqcn(module: str) -> str:
    """``apt`` -> ``ansible.builtin.apt``; names with a dot are already qualified."""
    if "." in module:
        return module
    if module in BUILTIN_MODULES:
        return f"ansible.builtin.{module}"
    return COLLECTION_MODULES.get(module, module)


def file_role(path: str) -> str | None:
    """What a path makes a file: ``tasks``, ``handlers``, ``vars``, ``defaults``, ``meta``,
    ``playbook`` (under ``playbooks/``) or None."""
    parts = path.replace("\\", "/").split("/")
    folders = parts[:-1]
    for i in range(len(folders) - 2, -1, -1):
        if folders[i] == "roles" and i + 2 < len(folders) and folders[i + 2] in _ROLE_DIRS:
            return folders[i + 2]
    if folders and folders[-1] in ("group_vars", "host_vars"):
        return "vars"
    if len(folders) >= 2 and folders[-2] in ("group_vars", "host_vars"):
        return "vars"
    if folders and folders[-1] in ("tasks", "handlers"):
        return folders[-1]
    if "playbooks" in folders:
        return "playbook"
    return None


def sniff(path: str, documents: list[YamlDocument]) -> bool:
    role = file_role(path)
    roots = [d.root for d in documents]
    if role in ("tasks", "handlers"):
        return all(isinstance(r, YSeq) or r is None for r in roots)
    if role in ("vars", "defaults", "meta"):
        return all(isinstance(r, YMap) or r is None for r in roots)
    return any(_is_playbook(r) for r in roots) or (role == "playbook" and any(isinstance(r, YSeq) for r in roots))


def _is_playbook(root) -> bool:
    return isinstance(root, YSeq) and any(
        isinstance(item, YMap) and any(marker in item for marker in PLAY_MARKERS) for item in root
    )


@dataclass(eq=False)
class Task:
    node: YMap
    #: The action as written (``apt``, ``ansible.builtin.shell``), or None when the task
    #: has no action key (a malformed task).
    action_key: str | None
    #: FQCN of the module (``ansible.builtin.apt``).
    module: str | None
    #: Arguments, normalised to a mapping; free-form command text is under ``_raw_params``.
    args: dict[str, Any]
    is_handler: bool = False
    #: Enclosing blocks, outermost first.
    blocks: tuple[YMap, ...] = ()
    play: YMap | None = None

    @property
    def name(self) -> str | None:
        name = self.node.get("name")
        return name if isinstance(name, str) else None

    @property
    def span(self) -> Span:
        return self.node.span

    def action_span(self) -> Span:
        return self.node.key_span(self.action_key) if self.action_key else self.node.span

    def arg_span(self, key: str) -> Span:
        """Where an argument is written: its value in the module mapping or ``args:``, else
        the action (free-form text keeps no per-argument position)."""
        for holder in (self.node.get(self.action_key) if self.action_key else None, self.node.get("args")):
            if isinstance(holder, YMap) and key in holder:
                return holder.value_span(key)
        return self.action_span() if not self.action_key else self.node.value_span(self.action_key)

    def keyword(self, key: str) -> Any:
        """A task keyword, falling back to enclosing blocks and the play (as Ansible inherits
        ``become``, ``no_log``, ``when``...)."""
        for holder in (self.node, *reversed(self.blocks), self.play):
            if isinstance(holder, YMap) and key in holder:
                return holder[key]
        return None


@dataclass(eq=False)
class Play:
    node: YMap

    @property
    def span(self) -> Span:
        return self.node.span


@dataclass(eq=False)
class AnsibleFile:
    source: SourceFile
    documents: list[YamlDocument]
    #: playbook, tasks, handlers, vars, defaults, meta
    role: str
    plays: list[Play] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    blocks: list[YMap] = field(default_factory=list)
    #: Variable mappings: vars files, play ``vars:``, task ``vars:``.
    variables: list[YMap] = field(default_factory=list)

    def suppression_scopes(self) -> list[Span]:
        return [t.span for t in self.tasks] + [b.span for b in self.blocks] + [p.span for p in self.plays]

    def tasks_using(self, *modules: str) -> Iterator[Task]:
        wanted = {fqcn(m) for m in modules}
        return (t for t in self.tasks if t.module in wanted)


def parse_kv(text: str, *, free_form: bool) -> dict[str, Any]:
    """Ansible's ``k=v`` argument text. For command-like modules everything that is not one
    of their options stays the command line (``_raw_params``)."""
    try:
        words = shlex.split(text, posix=True)
    except ValueError:  # unbalanced quotes: Ansible would refuse the task; keep the text
        return {"_raw_params": text} if free_form else {}
    args: dict[str, Any] = {}
    rest: list[str] = []
    for word in words:
        key, eq, value = word.partition("=")
        if eq and key.isidentifier() and (not free_form or key in FREE_FORM_OPTIONS):
            args[key] = value
        else:
            rest.append(word)
    if free_form and rest:
        # Keep the command as written, minus the option words Ansible strips out.
        raw = text
        for key in [k for k in args]:
            for candidate in (f"{key}={args[key]}", f'{key}="{args[key]}"', f"{key}='{args[key]}'"):
                raw = raw.replace(candidate, "", 1)
        args["_raw_params"] = raw.strip()
    return args


def _task(node: YMap, is_handler: bool, blocks: tuple, play) -> Task:
    action_key = next((k for k in node if isinstance(k, str) and k not in TASK_KEYWORDS and not k.startswith("with_")), None)
    if action_key is None and isinstance(node.get("action"), (str, YMap)):
        action_key = "action"
    if action_key is None and isinstance(node.get("local_action"), (str, YMap)):
        action_key = "local_action"
    module = None
    args: dict[str, Any] = {}
    if action_key is not None:
        value = node[action_key]
        if action_key in ("action", "local_action"):
            if isinstance(value, YMap):
                module_name = value.get("module")
                value = {k: v for k, v in value.items() if k != "module"}
            else:
                module_name, _, value = str(value).partition(" ")
            module = fqcn(str(module_name)) if module_name else None
        else:
            module = fqcn(action_key)
        if isinstance(value, dict):
            args.update(value)
        elif isinstance(value, str):
            args.update(parse_kv(value, free_form=module in FREE_FORM_MODULES))
        extra = node.get("args")
        if isinstance(extra, dict):
            args.update(extra)
    return Task(node, action_key, module, args, is_handler, blocks, play)


def _walk_tasks(view: AnsibleFile, items, is_handler: bool, blocks: tuple, play) -> None:
    if not isinstance(items, YSeq):
        return
    for item in items:
        if not isinstance(item, YMap):
            continue
        if "block" in item:
            view.blocks.append(item)
            for section in BLOCK_SECTIONS:
                _walk_tasks(view, item.get(section), is_handler, blocks + (item,), play)
            continue
        task = _task(item, is_handler, blocks, play)
        view.tasks.append(task)
        if isinstance(item.get("vars"), YMap):
            view.variables.append(item["vars"])


def parse(source: SourceFile, documents: list[YamlDocument]) -> AnsibleFile:
    role = file_role(source.path)
    roots = [d.root for d in documents]
    if role is None or role == "playbook":
        role = "playbook" if any(_is_playbook(r) for r in roots) else ("tasks" if any(isinstance(r, YSeq) for r in roots) else "vars")
    view = AnsibleFile(source, documents, role)
    for root in roots:
        if role == "playbook" and isinstance(root, YSeq):
            for item in root:
                if not isinstance(item, YMap):
                    continue
                view.plays.append(Play(item))
                if isinstance(item.get("vars"), YMap):
                    view.variables.append(item["vars"])
                for section in PLAY_TASK_SECTIONS:
                    _walk_tasks(view, item.get(section), section == "handlers", (), item)
        elif role in ("tasks", "handlers"):
            _walk_tasks(view, root, role == "handlers", (), None)
        elif isinstance(root, YMap):
            view.variables.append(root)
    return view

