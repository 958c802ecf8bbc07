"""Ansible playbooks, task and handler files, variable files, role metadata and inventories.

Tasks are found everywhere Ansible runs them (``pre_tasks``, ``tasks``, ``post_tasks``,
``handlers``, and ``block``/``rescue``/``always`` at any depth). For each task the action
is identified the way Ansible's own argument parser does it (the one key that is not a
task keyword, or ``action:``/``local_action:``), its module name is normalised to its
fully-qualified collection name, and its arguments are normalised from the three ways
Ansible accepts them: a mapping, free-form ``k=v`` text, and ``args:``. Arguments written
as free-form text keep the position of each ``k=v`` word, and the command line of
``command``/``shell``/``raw``/``script`` tasks keeps a map from each of its characters to
the file, so the shell layer (:mod:`lintkit.shell`) can point at one word of it.

What a file is comes from where it sits (``roles/x/tasks/``, ``group_vars/``, ``meta/``)
and otherwise from its content (a list of plays, a list of tasks, an inventory's group
tree). A mapping of variables with no telling path is Ansible only by its neighbours: a
``credentials.yaml`` beside a playbook or an inventory is a vars file (:func:`sniff`).
INI inventories are read by :mod:`lintkit.parsers.ansible_inventory`.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Iterator

from .. import project, workspace
from ..model import ParseError, Span
from ..source import SourceFile
from ..yamlmodel import YamlDocument, YMap, YSeq, scalar_offsets

#: Keywords a task may carry besides its action (ansible-core's Task, Block and Base
#: attributes). ``with_<lookup>`` loops are recognised by their prefix.
TASK_KEYWORDS = frozenset("""
    name action local_action args async become become_exe become_flags become_method
    become_user changed_when check_mode collections connection debugger delay delegate_facts
    delegate_to diff environment failed_when ignore_errors ignore_unreachable listen loop
    loop_control module_defaults no_log notify poll port register remote_user retries
    run_once tags throttle timeout until vars when block rescue always any_errors_fatal
""".split())

#: Keywords of a play (ansible-core's Play attributes): anything else makes Ansible refuse it.
PLAY_KEYWORDS = frozenset("""
    name hosts gather_facts gather_subset gather_timeout fact_path vars vars_files vars_prompt
    roles tasks pre_tasks post_tasks handlers serial strategy order max_fail_percentage
    any_errors_fatal force_handlers become become_exe become_flags become_method become_user
    check_mode collections connection debugger diff environment ignore_errors
    ignore_unreachable module_defaults no_log port remote_user run_once tags throttle timeout
""".split())
#: Keywords of a block (ansible-core's Block attributes): a loop on a block is refused.
BLOCK_KEYWORDS = frozenset("""
    name block rescue always when tags vars environment notify delegate_to delegate_facts
    any_errors_fatal become become_exe become_flags become_method become_user check_mode
    collections connection debugger diff ignore_errors ignore_unreachable module_defaults
    no_log port remote_user run_once throttle timeout
""".split())

#: Keys of a ``roles:`` entry that are role keywords, not role parameters.
ROLE_ENTRY_KEYWORDS = frozenset("""
    role name tags when vars become become_user become_method become_flags become_exe
    delegate_to delegate_facts environment ignore_errors ignore_unreachable no_log
    any_errors_fatal check_mode collections connection debugger diff module_defaults port
    remote_user run_once throttle timeout
""".split())

PLAY_TASK_SECTIONS = ("pre_tasks", "tasks", "post_tasks", "handlers")
BLOCK_SECTIONS = ("block", "rescue", "always")
PLAY_MARKERS = frozenset(("hosts", "import_playbook", "ansible.builtin.import_playbook"))
_IMPORT_PLAYBOOK = ("import_playbook", "ansible.builtin.import_playbook", "ansible.legacy.import_playbook")

#: Modules of ansible-core (short name -> ansible.builtin.<name>). ``include`` and
#: ``yum`` are gone from recent releases but still written; they resolve here so that
#: rules can name them.
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

#: Modules that moved from ansible-core into collections (short name -> FQCN), for the
#: collections infrastructure code uses most. A short name not listed here and not
#: built in stays as written (a module of the project's own ``library/`` folder, or one
#: of a collection lintkit does not know).
COLLECTION_MODULES = {
    **{m: f"ansible.posix.{m}" for m in (
        "acl", "at", "authorized_key", "firewalld", "firewalld_info", "mount", "patch",
        "rhel_facts", "rhel_rpm_ostree", "rpm_ostree_upgrade", "seboolean", "selinux",
        "synchronize", "sysctl",
    )},
    **{m: f"community.docker.{m}" for m in (
        "docker_compose", "docker_config", "docker_container", "docker_container_info",
        "docker_host_info", "docker_image", "docker_image_info", "docker_login",
        "docker_network", "docker_network_info", "docker_node", "docker_prune", "docker_secret",
        "docker_service", "docker_stack", "docker_swarm", "docker_swarm_info",
        "docker_swarm_service", "docker_volume", "docker_volume_info",
    )},
    **{m: f"community.general.{m}" for m in (
        "alternatives", "apache2_module", "apk", "archive", "capabilities", "composer", "cpanm",
        "cronvar", "filesystem", "flatpak", "gem", "git_config", "github_release", "hg",
        "homebrew", "homebrew_cask", "htpasswd", "ini_file", "jenkins_plugin", "kernel_blacklist",
        "launchd", "locale_gen", "lvg", "lvol", "make", "modprobe", "nmcli", "npm", "open_iscsi",
        "openbsd_pkg", "osx_defaults", "pacman", "pam_limits", "pamd", "parted", "pear", "pip_package_info",
        "pkgng", "pkgutil", "portage", "redis", "runit", "sefcontext", "selogin", "seport",
        "slackpkg", "snap", "solaris_zone", "supervisorctl", "svc", "timezone", "ufw", "xml",
        "yarn", "zfs", "zypper", "zypper_repository", "rhsm_repository", "redhat_subscription",
        "sysrc", "mas", "listen_ports_facts", "java_keystore", "java_cert", "lxc_container",
        "docker_compose_v2", "nagios", "slack", "mail", "irc", "haproxy", "letsencrypt",
        "rabbitmq_user", "rabbitmq_vhost", "rabbitmq_plugin", "newrelic_deployment", "ohai",
        "facter", "dpkg_divert", "iso_extract", "jira", "mssql_db", "influxdb_database",
        "influxdb_user", "elasticsearch_plugin", "kibana_plugin", "etcd3", "consul", "consul_kv",
        "gitlab_runner", "gitlab_project", "keycloak_client", "ldap_entry", "ldap_attrs",
    )},
    **{m: f"community.mysql.{m}" for m in (
        "mysql_db", "mysql_info", "mysql_query", "mysql_replication", "mysql_user", "mysql_variables",
        "mysql_role",
    )},
    **{m: f"community.postgresql.{m}" for m in (
        "postgresql_db", "postgresql_ext", "postgresql_info", "postgresql_lang", "postgresql_membership",
        "postgresql_owner", "postgresql_pg_hba", "postgresql_ping", "postgresql_privs",
        "postgresql_query", "postgresql_schema", "postgresql_set", "postgresql_slot",
        "postgresql_table", "postgresql_tablespace", "postgresql_user",
    )},
    **{m: f"community.crypto.{m}" for m in (
        "acme_certificate", "acme_account", "get_certificate", "openssh_keypair", "openssl_csr",
        "openssl_dhparam", "openssl_pkcs12", "openssl_privatekey", "openssl_publickey",
        "x509_certificate", "x509_certificate_info", "openssl_certificate",
    )},
    **{m: f"kubernetes.core.{m}" for m in (
        "helm", "helm_info", "helm_plugin", "helm_repository", "k8s", "k8s_info", "k8s_exec",
        "k8s_log", "k8s_scale", "k8s_service", "k8s_drain", "k8s_cp", "k8s_json_patch", "k8s_rollback",
    )},
    **{m: f"ansible.windows.{m}" for m in (
        "win_acl", "win_command", "win_copy", "win_dns_client", "win_domain", "win_feature",
        "win_file", "win_get_url", "win_group", "win_hostname", "win_package", "win_path",
        "win_ping", "win_reboot", "win_regedit", "win_service", "win_shell", "win_stat",
        "win_template", "win_updates", "win_user", "win_uri", "win_whoami",
    )},
    **{m: f"community.windows.{m}" for m in ("win_lineinfile", "win_firewall_rule", "win_chocolatey")},
    **{m: f"amazon.aws.{m}" for m in (
        "ec2_instance", "ec2_instance_info", "ec2_vpc_net", "ec2_security_group", "ec2_key",
        "ec2_ami", "s3_bucket", "ec2_eip", "ec2_tag", "ec2_vol", "cloudformation", "route53",
    )},
    "aws_s3": "amazon.aws.s3_object",
    "s3_object": "amazon.aws.s3_object",
    "rds": "community.aws.rds",
    "mongodb_user": "community.mongodb.mongodb_user",
    "rabbitmq_queue": "community.rabbitmq.rabbitmq_queue",
    "grafana_datasource": "community.grafana.grafana_datasource",
    "zabbix_host": "community.zabbix.zabbix_host",
    "digital_ocean": "community.digitalocean.digital_ocean",
    "digital_ocean_droplet": "community.digitalocean.digital_ocean_droplet",
    "linode": "community.general.linode",
    "linode_v4": "community.general.linode_v4",
    "gce": "google.cloud.gcp_compute_instance",
    "openssl_certificate_info": "community.crypto.x509_certificate_info",
}  # fmt: skip

#: Modules whose free-form text is a command line rather than ``k=v`` pairs (Ansible's
#: ``FREEFORM_ACTIONS``): only the few options below are taken out of it.
FREE_FORM_MODULES = frozenset(
    f"ansible.builtin.{m}" for m in ("command", "shell", "raw", "script")
) | {"ansible.windows.win_command", "ansible.windows.win_shell"}
#: ``k=v`` words that command-like modules read as options inside free-form text.
FREE_FORM_OPTIONS = frozenset((
    "creates", "removes", "chdir", "executable", "warn", "stdin", "stdin_add_newline",
    "strip_empty_ends",
))  # fmt: skip
#: Modules that run a command line (without a shell for ``command``).
COMMAND_MODULES = frozenset((
    "ansible.builtin.command", "ansible.builtin.shell", "ansible.builtin.raw",
    "ansible.builtin.script",
))  # fmt: skip

#: Actions that bring in other files: (module FQCN -> what they bring in).
INCLUDE_ACTIONS = {
    "ansible.builtin.include_tasks": "tasks",
    "ansible.builtin.import_tasks": "tasks",
    "ansible.builtin.include": "tasks",
    "ansible.builtin.import_playbook": "playbook",
    "ansible.builtin.include_role": "role",
    "ansible.builtin.import_role": "role",
    "ansible.builtin.include_vars": "vars",
}

ROLE_SUBDIRS = ("tasks", "handlers", "vars", "defaults", "meta")
_VARS_DIRS = ("group_vars", "host_vars", "vars", "defaults")
_INVENTORY_DIRS = ("inventory", "inventories")
#: Names a playbook, an inventory or Ansible's configuration carry: a YAML mapping that
#: sits beside one of them is a vars file (``credentials.yaml`` beside ``playbook.yaml``).
_NEIGHBOUR_FILES = frozenset(("ansible.cfg", "inventory", "hosts", "inventory.ini", "hosts.ini",
                              "inventory.yml", "inventory.yaml", "site.yml", "site.yaml"))
_NEIGHBOUR_DIRS = frozenset(("group_vars", "host_vars", "roles", "inventory", "inventories"))

#: Jinja's delimiters: expression, statement, comment.
_JINJA_DELIMITERS = (("{{", "}}"), ("{%", "%}"), ("{#", "#}"))
#: What ansible-lint's ``skip_ansible_lint`` tag silences: its rules that look at tasks
#: (its yamllint checks of the file still apply to the task's lines).
_TASK_RULES_SKIPPED = tuple(f"ansible-lint:{r}" for r in """
    args avoid-implicit command-instead-of-module command-instead-of-shell complexity
    deprecated-bare-vars deprecated-local-action deprecated-module empty-string-compare fqcn
    ignore-errors inline-env-var jinja jinja-template-extension key-order latest literal-compare
    loop-var-prefix name
    no-changed-when no-free-form no-handler no-jinja-when no-log-password no-prompting
    no-relative-paths no-same-owner no-tabs only-builtins package-latest partial-become
    risky-file-permissions risky-octal risky-shell-pipe role-name run-once var-naming
""".split())
#: ansible-lint's former rule ids, still found in ``# noqa`` comments.
_RENAMED_RULES = {
    "102": "no-jinja-when", "104": "deprecated-bare-vars", "105": "deprecated-module",
    "106": "role-name", "202": "risky-octal", "203": "no-tabs", "205": "playbook-extension",
    "206": "jinja[spacing]", "207": "jinja[invalid]", "208": "risky-file-permissions",
    "301": "no-changed-when", "302": "no-free-form", "303": "command-instead-of-module",
    "304": "inline-env-var", "305": "command-instead-of-shell", "306": "risky-shell-pipe",
    "401": "latest[git]", "402": "latest[hg]", "403": "package-latest", "404": "no-relative-paths",
    "501": "partial-become", "502": "name[missing]", "503": "no-handler",
    "504": "deprecated-local-action", "601": "literal-compare", "602": "empty-string-compare",
    "702": "meta-no-tags", "703": "meta-incorrect", "704": "meta-video-links",
    "911": "syntax-check", "deprecated-command-syntax": "no-free-form",
    "fqcn-builtins": "fqcn[action-core]", "git-latest": "latest[git]", "hg-latest": "latest[hg]",
    "no-jinja-nesting": "jinja[invalid]", "no-loop-var-prefix": "loop-var-prefix",
    "unnamed-task": "name[missing]", "var-spacing": "jinja[spacing]",
}  # fmt: skip
#: ``# yamllint disable-line rule:line-length``, ``disable``/``enable`` ranges, ``disable-file``.
_YAMLLINT = re.compile(r"#\s*yamllint\s+(disable-line|disable-file|disable|enable)\b((?:\s+rule:[\w-]+)*)")
#: ``# noqa rule`` / ``# noqa: rule[tag], other`` naming ansible-lint rules.
_NOQA_IDS = re.compile(r"#\s*noqa:?\s+([A-Za-z0-9_\-\[\]]+(?:[\s,]+[A-Za-z0-9_\-\[\]]+)*)\s*$")


def has_jinja(value: object) -> bool:
    return isinstance(value, str) and ("{{" in value or "{%" in value)


def strip_jinja(text: str) -> str:
    """The text with every Jinja expression, statement and comment replaced by a plain
    placeholder word, so that a ``|`` filter or ``[...]`` index is not read as shell."""
    return _replace_jinja(text, lambda block: "JINJA")


def jinja_blocks(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each Jinja block, left to right, each from its opening delimiter to
    the nearest closing one (what ``{{.*?}}|{%.*?%}|{#.*?#}`` finds, in linear time: the
    regex retries every later ``{{`` of a text with no ``}}``). A delimiter with no closing
    one after it rules out every later one of its kind."""
    following = [text.find(opening) for opening, _closing in _JINJA_DELIMITERS]
    position = 0
    while True:
        start = min((f for f in following if f != -1), default=-1)
        if start == -1:
            return
        end = -1
        for kind, (opening, closing) in enumerate(_JINJA_DELIMITERS):
            if following[kind] != start:
                continue
            found = text.find(closing, start + 2)
            if found == -1:
                following[kind] = -1  # no later block of this kind closes either
            elif end == -1:
                end = found + 2
        position = end if end != -1 else start + 1
        if end != -1:
            yield start, end
        for kind, (opening, _closing) in enumerate(_JINJA_DELIMITERS):
            if following[kind] != -1 and following[kind] < position:
                following[kind] = text.find(opening, position)


def _replace_jinja(text: str, replacement) -> str:
    pieces = []
    position = 0
    for start, end in jinja_blocks(text):
        pieces.append(text[position:start])
        pieces.append(replacement(text[start:end]))
        position = end
    pieces.append(text[position:])
    return "".join(pieces)


def fqcn(module: str) -> str:
    """``apt`` -> ``ansible.builtin.apt``; ``ansible.legacy.apt`` -> ``ansible.builtin.apt``;
    other dotted names are already qualified."""
    if module.startswith("ansible.legacy."):
        return "ansible.builtin." + module[len("ansible.legacy.") :]
    if "." in module:
        return module
    if module in BUILTIN_MODULES:
        return f"ansible.builtin.{module}"
    return COLLECTION_MODULES.get(module, module)


def short_name(module: str | None) -> str | None:
    """``ansible.builtin.apt`` -> ``apt`` (the last part of any FQCN)."""
    return module.rsplit(".", 1)[-1] if module else None


# --- where a file sits --------------------------------------------------------------


def file_role(path: str) -> str | None:
    """What a path makes a file: ``tasks``, ``handlers``, ``vars``, ``meta``, ``playbook``
    (under ``playbooks/`` or named like one), ``inventory``, a collection's ``runtime``
    (``meta/runtime.yml``) or ``galaxy`` (``galaxy.yml``) metadata, or None."""
    parts = path.replace("\\", "/").split("/")
    folders = parts[:-1]
    name = parts[-1].lower()
    for i in range(len(folders) - 2, -1, -1):
        if folders[i] == "roles" and i + 2 < len(folders) and folders[i + 2] in ROLE_SUBDIRS:
            role = folders[i + 2]
            return "vars" if role == "defaults" else role
    if any(f in _INVENTORY_DIRS for f in folders) and not any(f in _VARS_DIRS for f in folders):
        return "inventory"
    if any(f in _VARS_DIRS for f in folders):
        return "vars"
    if folders and folders[-1] == "meta" and name in ("main.yml", "main.yaml"):
        return "meta"
    if folders and folders[-1] == "meta" and name in ("runtime.yml", "runtime.yaml"):
        return "runtime"
    if "tasks" in folders:
        return "tasks"
    if folders and folders[-1] == "handlers":
        return "handlers"
    if name in ("galaxy.yml", "galaxy.yaml"):
        return "galaxy"
    if "playbooks" in folders or "playbook" in name:
        return "playbook"
    if name in ("inventory.yml", "inventory.yaml", "hosts.yml", "hosts.yaml"):
        return "inventory"
    return None


def has_ansible_neighbours(path: str) -> bool:
    """A playbook, an inventory, ``ansible.cfg`` or an Ansible folder sits beside ``path``."""
    siblings = workspace.listdir(os.path.dirname(path))
    for name in siblings:
        lower = name.lower()
        if lower in _NEIGHBOUR_FILES or ("playbook" in lower and lower.endswith((".yml", ".yaml"))):
            return True
        if lower in _NEIGHBOUR_DIRS and _is_ansible_folder(os.path.join(os.path.dirname(path), name), lower):
            return True
    return False


def _is_ansible_folder(path: str, lower_name: str) -> bool:
    """A neighbouring folder that is Ansible's, not one that shares its name (the Google
    Cloud SDK has ``roles/`` of databases and ``inventories/`` of VMs): ``roles/`` holds a
    role (a folder with ``tasks/`` or ``meta/``), ``inventory/`` holds hosts or group
    variables; ``group_vars``/``host_vars`` are Ansible's own names."""
    if not workspace.is_dir(path):
        return False
    if lower_name in ("group_vars", "host_vars"):
        return True
    children = workspace.listdir(path)
    if lower_name == "roles":
        return any(
            workspace.is_dir(os.path.join(path, child, sub)) for child in children for sub in ("tasks", "meta")
        )
    return any(
        child.lower().startswith(("hosts", "inventory")) or child in ("group_vars", "host_vars")
        for child in children
    )


def role_root(path: str) -> str | None:
    """The role a file belongs to, as ansible-lint sees it: the outermost folder below a
    ``roles/`` folder that has one of the role subfolders (``tasks``, ``meta``...)."""
    directory = os.path.dirname(os.path.abspath(path))
    found = None
    parts = directory.split(os.sep)
    for end in range(len(parts), 0, -1):
        current = os.sep.join(parts[:end])
        name = parts[end - 1]
        if "roles" in parts[: end - 1] and name != "roles" and any(
            workspace.is_dir(os.path.join(current, sub)) for sub in ROLE_SUBDIRS
        ):
            found = current
    if found is None:
        # Not on disk (stdin, tests of a lone file): the folder after roles/.
        unix = path.replace("\\", "/").split("/")
        for i in range(len(unix) - 2, -1, -1):
            if unix[i] == "roles" and i + 2 < len(unix):
                return "/".join(unix[: i + 2])
    return found


def include_root(path: str) -> str | None:
    """The folder whose ``tasks/`` and ``vars/`` Ansible searches for a relative include
    in ``path``: its role (:func:`role_root`), else the folder that holds the nearest
    ``tasks/``, ``handlers/``, ``vars/``, ``defaults/`` or ``meta/`` above the file, as in a
    role kept at the top of its repository (Galaxy and CIS-benchmark roles) or a
    playbook's folder beside its ``tasks/``."""
    found = role_root(path)
    if found is not None:
        return found
    folders = os.path.dirname(path.replace("\\", "/")).split("/")
    for i in range(len(folders) - 1, -1, -1):
        if folders[i] in ROLE_SUBDIRS:
            return "/".join(folders[:i]) or "."
    return None


# --- content sniffing -----------------------------------------------------------------


def sniff(path: str, documents: list[YamlDocument]) -> bool:
    roots = [d.root for d in documents if d.root is not None]
    role = file_role(path)
    if any(_is_rulebook(r) for r in roots):
        return False
    if role in ("tasks", "handlers"):
        if _in_role_folder(path):
            return all(isinstance(r, YSeq) for r in roots)
        # Outside roles/, a folder named tasks/ is weak evidence (gcloud keeps command
        # specs in .../tasks/create.yaml): the content must read as tasks too.
        return bool(roots) and all(_is_task_list(r) or _is_playbook(r) for r in roots)
    if role in ("vars", "meta", "inventory"):
        return all(isinstance(r, YMap) or _is_vault(r) for r in roots)
    if role in ("runtime", "galaxy") and _is_collection_meta(role, roots):
        return True
    if any(_is_playbook(r) for r in roots):
        return True
    if role == "playbook":
        # A play written as a mapping is still a playbook, a broken one: parse says so.
        return any(isinstance(r, YSeq) or _is_play_mapping(r) for r in roots)
    if roots and all(_is_task_list(r) for r in roots):
        return True
    if roots and all(_is_inventory(r) for r in roots):
        return True
    return bool(roots) and all(isinstance(r, YMap) or _is_vault(r) for r in roots) and has_ansible_neighbours(path)


def _is_collection_meta(role: str, roots: list) -> bool:
    """A collection's metadata file by its content as well as its name: ``galaxy.yml``
    names its ``namespace`` and ``name``; ``meta/runtime.yml`` has runtime keys."""
    roots = [r for r in roots if r is not None]
    if not roots or not all(isinstance(r, YMap) for r in roots):
        return False
    if role == "galaxy":
        return all("namespace" in r and "name" in r for r in roots)
    return any(set(r) & _RUNTIME_KEYS for r in roots)


def _in_role_folder(path: str) -> bool:
    """The file sits in a role subfolder (``tasks/``, ``handlers/``...) somewhere below a
    ``roles/`` folder (roles may nest: kubespray's ``roles/kubernetes-apps/x/tasks``)."""
    folders = path.replace("\\", "/").split("/")[:-1]
    return len(folders) >= 3 and folders[-1] in ROLE_SUBDIRS and "roles" in folders[:-2]


def _is_vault(root) -> bool:
    """A file encrypted whole with ansible-vault (YAML reads it as one string)."""
    return isinstance(root, str) and root.startswith("$ANSIBLE_VAULT;")


def _is_playbook(root) -> bool:
    return (
        isinstance(root, YSeq)
        and any(isinstance(item, YMap) and any(marker in item for marker in PLAY_MARKERS) for item in root)
        and not _is_rulebook(root)
    )


def _is_play_mapping(root) -> bool:
    """One play written as the whole document (``hosts: all`` at the top) instead of as an
    item of the playbook's list."""
    return isinstance(root, YMap) and any(marker in root for marker in PLAY_MARKERS)


def _is_rulebook(root) -> bool:
    """An Event-Driven Ansible rulebook: plays with ``hosts`` but ``sources`` and ``rules``
    instead of tasks, run by ansible-rulebook, not ansible-playbook."""
    return isinstance(root, YSeq) and any(
        isinstance(item, YMap) and "sources" in item and "rules" in item for item in root
    )


def _is_task_list(root) -> bool:
    """A list of tasks: every item a mapping, and most of them run a module lintkit knows
    (so that a list of ``{name: x, value: y}`` records is not taken for tasks)."""
    if not isinstance(root, YSeq) or not root or not all(isinstance(item, YMap) for item in root):
        return False
    known = 0
    for item in root:
        if "block" in item or "include_tasks" in item or "import_tasks" in item:
            known += 1
            continue
        for key in item:
            if isinstance(key, str) and key not in TASK_KEYWORDS and (
                key in BUILTIN_MODULES or key in COLLECTION_MODULES or key.count(".") >= 2
            ):
                known += 1
                break
    return known * 2 >= len(root)


_INVENTORY_GROUP_KEYS = frozenset(("hosts", "children", "vars"))
#: Top-level keys of a collection's meta/runtime.yml.
_RUNTIME_KEYS = frozenset(("requires_ansible", "plugin_routing", "action_groups", "import_redirection"))


def _is_inventory(root) -> bool:
    """An inventory's group tree: top-level groups whose mappings hold only ``hosts``,
    ``children`` and ``vars`` (``all:`` usually)."""
    if not isinstance(root, YMap) or not root:
        return False
    return all(
        isinstance(group, YMap) and group and set(group) <= _INVENTORY_GROUP_KEYS
        for group in root.values()
    )


# --- free-form arguments ---------------------------------------------------------------


def split_args(text: str) -> list[tuple[int, int]]:
    """Ansible's argument splitting, as (start, end) offsets into ``text``: words split
    at whitespace, except inside quotes and Jinja ``{{ }}``/``{% %}``/``{# #}`` blocks.
    Raises ValueError for an unbalanced quote or block (Ansible refuses the task)."""
    words: list[tuple[int, int]] = []
    start = None
    quote = None
    depth = 0
    i = 0
    length = len(text)
    while i < length:
        char = text[i]
        pair = text[i : i + 2]
        if quote is None and pair in ("{{", "{%", "{#"):
            depth += 1
            start = i if start is None else start
            i += 2
            continue
        if quote is None and depth and pair in ("}}", "%}", "#}"):
            depth -= 1
            i += 2
            continue
        if quote is not None:
            if char == "\\" and quote == '"':
                i += 2
                continue
            if char == quote:
                quote = None
        elif char in "'\"" and (start is None or not depth):
            quote = char
            start = i if start is None else start
        elif char.isspace() and not depth:
            if start is not None:
                words.append((start, i))
                start = None
        elif start is None:
            start = i
        i += 1
    if quote is not None or depth:
        raise ValueError("unbalanced quotes or Jinja block")
    if start is not None:
        words.append((start, length))
    return words


def unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1]
    return value


def _key_of(word: str) -> str | None:
    """The key of a ``k=v`` word (first ``=`` not escaped and not first), else None."""
    position = word.find("=", 1)
    while position > 0 and word[position - 1] == "\\":
        position = word.find("=", position + 1)
    return word[:position] if position > 0 else None


@dataclass(frozen=True, slots=True)
class FreeFormArgs:
    """Arguments parsed out of free-form text: the options, where each ``k=v`` word is
    (offsets into the text), and the remaining words (the command line) as offsets."""

    options: dict[str, str]
    option_words: dict[str, tuple[int, int]]
    raw_words: tuple[tuple[int, int], ...]


def parse_free_form(text: str, *, command_like: bool) -> FreeFormArgs:
    """Ansible's ``parse_kv``: ``k=v`` words are options; for command-like modules only
    their own few options are, and everything else stays the command line."""
    try:
        words = split_args(text)
    except ValueError:  # unbalanced quotes: Ansible refuses the task; keep it as a command line
        return FreeFormArgs({}, {}, ((0, len(text)),) if text.strip() else ())
    options: dict[str, str] = {}
    option_words: dict[str, tuple[int, int]] = {}
    raw: list[tuple[int, int]] = []
    for start, end in words:
        word = text[start:end]
        key = _key_of(word)
        if key is not None and (not command_like or key in FREE_FORM_OPTIONS):
            options[key.strip()] = unquote(word[len(key) + 1 :].strip())
            option_words[key.strip()] = (start, end)
        else:
            raw.append((start, end))
    return FreeFormArgs(options, option_words, tuple(raw))


# --- the document view -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class VarDef:
    """A variable defined in the file: in a vars file, ``vars:`` of a play, block, task
    or role entry, ``set_fact``, ``register``, or an inventory."""

    name: Any
    value: Any
    key_span: Span
    value_span: Span
    #: vars-file, play, block, task, role, set_fact, register, inventory
    origin: str
    #: The role these variables are passed to (a play's ``roles:`` entry, the ``vars:``
    #: of an include_role/import_role task), as written.
    target_role: str | None = None


@dataclass(frozen=True, slots=True)
class Reference:
    """Another file or role this file brings in."""

    #: tasks (include_tasks/import_tasks), playbook, role, vars (include_vars/vars_files)
    kind: str
    target: str
    span: Span
    #: The action or keyword that refers (``import_tasks``, ``roles``, ``vars_files``).
    via: str


#: What a reference brings in -> the folder of its role Ansible also searches for it.
_ROLE_FOLDER = {"tasks": "tasks", "vars": "vars", "playbook": None}


def reference_candidates(path: str, role_path: str | None, kind: str, target: str) -> tuple[str, ...]:
    """The paths Ansible looks for a reference at, in order: a file in a role (under
    roles/ or kept at the top of its repository: :func:`include_root`) from its tasks/ or
    vars/ folder and its top, then from the including file's folder; a role in ``roles/``
    beside the playbook, or a folder of that name."""
    if os.path.isabs(target):
        return (target,)
    here = os.path.dirname(path)
    if kind == "role":
        return (os.path.join(here, "roles", target), os.path.join(here, target))
    found = []
    if role_path and _ROLE_FOLDER.get(kind):
        found.append(os.path.join(role_path, _ROLE_FOLDER[kind], target))
        found.append(os.path.join(role_path, target))
    found.append(os.path.join(here, target))
    return tuple(found)


@dataclass(eq=False)
class CommandLine:
    """The command line of a ``command``/``shell``/``raw``/``script`` task: its text as
    the module receives it, and where each character sits in the file."""

    text: str
    offsets: Any  # lintkit.shell.OffsetMap
    span: Span
    #: True when given as ``argv:`` (a list: no shell parsing of the words by Ansible).
    from_argv: bool = False

    @cached_property
    def script(self):
        from ..shell import parse_script

        return parse_script(strip_jinja_keep_length(self.text), self.offsets)


def strip_jinja_keep_length(text: str) -> str:
    """Jinja blocks blanked to a same-length placeholder word (``{{ x }}`` -> ``JJJJJJJ``)
    so that shell parsing does not trip over ``|`` filters and offsets stay valid."""
    if "{" not in text:
        return text
    return _replace_jinja(text, _blank)


def _blank(block: str) -> str:
    return _NOT_NEWLINE.sub("J", block)


_NOT_NEWLINE = re.compile(r"[^\n]")


class _Mapping:
    """What plays, blocks and tasks read the same way from their mapping ``node``."""

    node: YMap

    @property
    def span(self) -> Span:
        return self.node.span

    @property
    def line(self) -> int:
        return self.node.span.line

    @property
    def name(self) -> str | None:
        name = self.node.get("name")
        return name if isinstance(name, str) else None

    def head_span(self) -> Span:
        """The first key, where a reader's eye lands (``- name: ...``)."""
        for key in self.node:
            return self.node.key_span(key)
        return self.node.span


@dataclass(eq=False)
class Block(_Mapping):
    node: YMap
    parents: tuple[YMap, ...] = ()
    play: Play | None = None
    is_handler: bool = False


@dataclass(eq=False)
class Task(_Mapping):
    node: YMap
    #: The action key as written (``apt``, ``ansible.builtin.shell``, ``action``), or None
    #: when the task has none.
    action_key: str | None
    #: FQCN of the module (``ansible.builtin.apt``); for ``action:``/``local_action:`` the
    #: module they name.
    module: str | None
    #: Arguments, normalised to a mapping; free-form command text is under ``_raw_params``.
    args: dict[str, Any]
    is_handler: bool = False
    #: Enclosing blocks, outermost first.
    blocks: tuple[YMap, ...] = ()
    play: Play | None = None
    #: The module as written (``apt``, ``ansible.legacy.shell``, the word after
    #: ``action:``), for rules about how it is spelt.
    module_written: str | None = None
    #: Every key that is neither a keyword nor a loop (more than one: Ansible refuses the
    #: task with "conflicting action statements").
    action_keys: tuple[str, ...] = ()
    #: The free-form text when the action's value is a string.
    free_form: str | None = None
    #: Where each free-form ``k=v`` option is written.
    option_spans: dict[str, Span] = field(default_factory=dict)
    _command: CommandLine | None = None
    _source: SourceFile | None = None

    @property
    def short_module(self) -> str | None:
        return short_name(self.module)

    @property
    def loop_key(self) -> str | None:
        """``loop`` or the ``with_<lookup>`` key, if the task loops."""
        for key in self.node:
            if key == "loop" or (isinstance(key, str) and key.startswith("with_")):
                return key
        return None

    def action_span(self) -> Span:
        """The action key (``apt``), or the whole task when it has none."""
        return self.node.key_span(self.action_key) if self.action_key else self.node.span

    def arg_span(self, key: str) -> Span:
        """Where an argument's value is written: in the module mapping, ``args:``, or the
        ``k=v`` word of free-form text; the action when it is not written at all."""
        holder = self.node.get(self.action_key) if self.action_key else None
        if isinstance(holder, YMap) and key in holder:
            return holder.value_span(key)
        extra = self.node.get("args")
        if isinstance(extra, YMap) and key in extra:
            return extra.value_span(key)
        if key in self.option_spans:
            return self.option_spans[key]
        return self.action_span()

    def keyword(self, key: str) -> Any:
        """A task keyword, falling back to enclosing blocks and the play (as Ansible inherits
        ``become``, ``no_log``, ``when``...)."""
        for holder in (self.node, *reversed(self.blocks), self.play.node if self.play else None):
            if isinstance(holder, YMap) and key in holder:
                return holder[key]
        return None

    @property
    def command(self) -> CommandLine | None:
        """The command line of a command-like task (``cmd``, free-form text or ``argv``)."""
        return self._command


@dataclass(eq=False)
class Play(_Mapping):
    node: YMap

    @property
    def is_import(self) -> bool:
        """An ``import_playbook`` entry rather than a play of its own."""
        return any(k in self.node for k in _IMPORT_PLAYBOOK)


@dataclass(eq=False)
class AnsibleFile:
    source: SourceFile
    documents: list[YamlDocument]
    #: playbook, tasks, handlers, vars, meta, inventory, runtime (a collection's
    #: meta/runtime.yml), galaxy (a collection's galaxy.yml)
    role: str
    plays: list[Play] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    #: Variable mappings: vars files, play ``vars:``, block and task ``vars:``.
    variables: list[YMap] = field(default_factory=list)
    var_defs: list[VarDef] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    #: The inventory, for inventory files (:class:`~lintkit.parsers.ansible_inventory.Inventory`).
    inventory: Any = None
    #: The path of the role folder the file belongs to, if any.
    role_path: str | None = None

    @property
    def path(self) -> str:
        return self.source.path

    def file_references(self) -> Iterator[project.Reference]:
        """Included and imported files, vars files and roles named by a path, for the
        engine's containment check (templated names cannot be resolved)."""
        for r in self.references:
            if r.target and not has_jinja(r.target) and (r.kind in _ROLE_FOLDER or r.kind == "role"):
                candidates = reference_candidates(self.path, include_root(self.path), r.kind, r.target)
                yield project.Reference(r.span, f"{r.via} {r.target!r}", candidates, r.kind == "role")

    @property
    def role_name(self) -> str | None:
        return os.path.basename(self.role_path) if self.role_path else None

    @property
    def is_vault_encrypted(self) -> bool:
        return self.source.text.lstrip().startswith("$ANSIBLE_VAULT")

    @cached_property
    def entries(self) -> list[Task | Block]:
        """Tasks and blocks in the order they are written: the keywords a task may carry
        (``name``, ``when``, ``become_user``...) a block may carry too."""
        return sorted([*self.tasks, *self.blocks], key=lambda e: (e.span.line, e.span.column))

    def suppression_scopes(self) -> list[Span]:
        return [t.span for t in self.tasks] + [b.span for b in self.blocks] + [p.span for p in self.plays]

    def suppressions(self) -> list:
        """ansible-lint's own ways of silencing it, for users who move from it: the
        ``skip_ansible_lint`` tag (ansible-lint's task rules skip the task or block) and
        ``# noqa rule[tag]`` comments naming ansible-lint rules (the task they are in)."""
        from ..suppression import Suppression

        found = []
        entries = (*self.tasks, *self.blocks)
        for entry in entries:
            tags = entry.node.get("tags")
            if tags == "skip_ansible_lint" or (isinstance(tags, list) and "skip_ansible_lint" in tags):
                span = entry.node.value_span("tags")
                found.append(
                    Suppression(_TASK_RULES_SKIPPED, entry.span.line, entry.span.end_line, span, "tags: skip_ansible_lint")
                )
        if "yamllint" in self.source.text:
            found.extend(self._yamllint_directives(Suppression))
        if "noqa" not in self.source.text:
            return found
        for number, line in enumerate(self.source.lines, start=1):
            hash_at = line.find("#")
            match = _NOQA_IDS.search(line, hash_at) if hash_at != -1 else None
            if match is None:
                continue
            selectors = tuple(
                f"ansible-lint:{_RENAMED_RULES.get(s, s)}" for s in re.split(r"[\s,]+", match.group(1).strip()) if s
            )
            around = [e.span for e in entries if e.span.line <= number <= e.span.end_line]
            start, end = (number, number)
            if around:
                inner = min(around, key=lambda s: s.end_line - s.line)
                start, end = inner.line, inner.end_line
            span = Span(number, hash_at + 1, number, len(line) + 1)
            found.append(Suppression(selectors, start, end, span, line[hash_at:].strip()))
        return found

    def _yamllint_directives(self, suppression) -> list:
        """yamllint's own comments, which ansible-lint honours for its yaml[...] checks:
        ``disable-line`` (this line, or the next when alone on its line), ``disable`` ...
        ``enable`` ranges and ``disable-file``; ``rule:x`` names yaml[x], none all of them."""
        found = []
        lines = self.source.lines
        open_ranges: dict[str, tuple[int, Span, str]] = {}
        for number, line in enumerate(lines, start=1):
            hash_at = line.find("#")
            match = _YAMLLINT.search(line, hash_at) if hash_at != -1 else None
            if match is None:
                continue
            action = match.group(1)
            rules = [r.split(":", 1)[1] for r in match.group(2).split()] or [""]
            selectors = tuple(f"ansible-lint:yaml[{r}]" if r else "ansible-lint:yaml" for r in rules)
            span = Span(number, hash_at + 1, number, len(line) + 1)
            text = line[hash_at:].strip()
            if action == "disable-line":
                target = number + 1 if not line[:hash_at].strip() else number
                found.append(suppression(selectors, target, target, span, text))
            elif action == "disable-file":
                found.append(suppression(selectors, 1, len(lines), span, text))
            elif action == "disable":
                for selector in selectors:
                    open_ranges.setdefault(selector, (number, span, text))
            else:
                for selector in selectors if rules != [""] else list(open_ranges):
                    start = open_ranges.pop(selector, None)
                    if start is not None:
                        found.append(suppression((selector,), start[0], number, start[1], start[2]))
        for selector, (start, span, text) in open_ranges.items():
            found.append(suppression((selector,), start, len(lines), span, text))
        return found

    def tasks_using(self, *modules: str) -> Iterator[Task]:
        wanted = {fqcn(m) for m in modules}
        return (t for t in self.tasks if t.module in wanted)

    @cached_property
    def typed_scalars(self) -> list[tuple[Any, Span]]:
        """Every boolean and integer scalar (keys included), and every string YAML 1.2 would
        read as an octal number (``0o644``), with its span: for rules about how such values
        are spelt (``yes``, ``0644``), which the source text at the span says."""
        found: list[tuple[Any, Span]] = []
        for document in self.documents:
            stack = [document.root]
            while stack:
                node = stack.pop()
                if isinstance(node, YMap):
                    for key, value in node.items():
                        if isinstance(key, (bool, int)):
                            found.append((key, node.key_span(key)))
                        if isinstance(value, (bool, int)) or (isinstance(value, str) and value[:2] == "0o"):
                            found.append((value, node.value_span(key)))
                        elif isinstance(value, (YMap, YSeq)):
                            stack.append(value)
                elif isinstance(node, YSeq):
                    for index, item in enumerate(node):
                        if isinstance(item, (bool, int)) or (isinstance(item, str) and item[:2] == "0o"):
                            found.append((item, node.item_span(index)))
                        elif isinstance(item, (YMap, YSeq)):
                            stack.append(item)
        return found

    @cached_property
    def tokens(self) -> list:
        """libyaml's tokens of the file (for layout rules), scanned once on demand."""
        import yaml

        try:
            loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(self.source.text)
            try:
                tokens = []
                while loader.check_token():
                    tokens.append(loader.get_token())
                return tokens
            finally:
                loader.dispose()
        except yaml.YAMLError:
            return []


def _task(node: YMap, source: SourceFile, is_handler: bool, blocks: tuple, play: Play | None) -> Task:
    action_keys = tuple(
        k for k in node if isinstance(k, str) and k not in TASK_KEYWORDS and not k.startswith("with_")
    )
    action_key = action_keys[0] if action_keys else None
    if action_key is None:
        for keyword in ("action", "local_action"):
            if isinstance(node.get(keyword), (str, YMap)):
                action_key = keyword
                break
    task = Task(node, action_key, None, {}, is_handler, blocks, play, action_keys=action_keys, _source=source)
    if action_key is None:
        return task
    value = node[action_key]
    value_span = node.value_span(action_key)
    text_start = 0  # offset of the free-form text inside the scalar's value
    if action_key in ("action", "local_action"):
        if isinstance(value, YMap):
            written = value.get("module")
            value = YMap({k: v for k, v in value.items() if k != "module"})
        else:
            text = str(value)
            stripped = text.lstrip()
            written, _, _rest = stripped.partition(" ")
            text_start = len(text) - len(stripped) + len(written) + 1
            value = text[text_start:] if text_start <= len(text) else ""
        written = str(written) if written else None
    else:
        written = action_key
    task.module_written = written
    task.module = fqcn(written) if written else None
    command_like = task.module in FREE_FORM_MODULES
    if isinstance(value, dict):
        task.args.update(value)
    elif isinstance(value, str):
        task.free_form = value
        parsed = parse_free_form(value, command_like=command_like)
        task.args.update(parsed.options)
        if isinstance(node[action_key], str) and parsed.option_words:
            offsets = scalar_offsets(source, value_span, node[action_key])
            for key, (start, end) in parsed.option_words.items():
                task.option_spans[key] = offsets.span(text_start + start, text_start + end)
        if parsed.raw_words:
            first, last = parsed.raw_words[0][0], parsed.raw_words[-1][1]
            raw = value[first:last]
            for key, (start, end) in parsed.option_words.items():
                if first <= start < last:  # an option in the middle of the command line
                    raw = raw[: start - first] + " " * (end - start) + raw[end - first :]
            task.args["_raw_params"] = raw
            if task.module in COMMAND_MODULES or task.module in FREE_FORM_MODULES:
                offsets = scalar_offsets(source, value_span, node[action_key]) if isinstance(node[action_key], str) else None
                if offsets is not None:
                    from ..shell import OffsetMap

                    shifted = OffsetMap([(0, text_start + first)], offsets)
                    task._command = CommandLine(raw, shifted, shifted.span(0, len(raw)))
    extra = node.get("args")
    if isinstance(extra, dict):
        for key, item in extra.items():
            task.args.setdefault(key, item)
    if task._command is None and (task.module in COMMAND_MODULES or task.module in FREE_FORM_MODULES):
        task._command = _structured_command(task, source)
    return task


def _structured_command(task: Task, source: SourceFile) -> CommandLine | None:
    """The command line given as ``cmd:`` (or ``argv:``) in the module mapping or ``args:``."""
    for holder in (task.node.get(task.action_key), task.node.get("args")):
        if not isinstance(holder, YMap):
            continue
        for key in ("cmd", "_raw_params"):
            value = holder.get(key)
            if isinstance(value, str):
                span = holder.value_span(key)
                return CommandLine(value, scalar_offsets(source, span, value), span)
        argv = holder.get("argv")
        if isinstance(argv, YSeq) and argv and all(isinstance(a, (str, int, float)) for a in argv):
            from ..shell import OffsetMap

            words: list[str] = []
            pieces: list[tuple[int, int]] = []
            length = 0
            for index, item in enumerate(argv):
                word = str(item)
                if any(c.isspace() or c in "'\"|&;<>$`\\" for c in word):
                    word = "'" + word.replace("'", "'\\''") + "'"
                span = argv.item_span(index)
                pieces.append((length, source.offset(span.line, span.column)))
                words.append(word)
                length += len(word) + 1
            text = " ".join(words)
            offsets = OffsetMap(pieces, source)
            return CommandLine(text, offsets, holder.value_span("argv"), from_argv=True)
    return None


class _Builder:
    def __init__(self, view: AnsibleFile):
        self.view = view
        self.source = view.source

    def tasks(self, items, is_handler: bool, blocks: tuple, play: Play | None) -> None:
        if not isinstance(items, YSeq):
            return
        for item in items:
            if not isinstance(item, YMap):
                continue
            if any(section in item for section in BLOCK_SECTIONS):
                self.view.blocks.append(Block(item, blocks, play, is_handler))
                self.vars_of(item, "block")
                for section in BLOCK_SECTIONS:
                    self.tasks(item.get(section), is_handler, blocks + (item,), play)
                continue
            task = _task(item, self.source, is_handler, blocks, play)
            self.view.tasks.append(task)
            target = task.args.get("name") if INCLUDE_ACTIONS.get(task.module or "") == "role" else None
            self.vars_of(item, "task", target if isinstance(target, str) else None)
            self.task_definitions(task)
            self.task_references(task)

    def vars_of(self, holder: YMap, origin: str, target_role: str | None = None) -> None:
        mapping = holder.get("vars")
        if isinstance(mapping, YMap):
            self.view.variables.append(mapping)
            self.mapping_defs(mapping, origin, target_role=target_role)

    def mapping_defs(self, mapping: YMap, origin: str, skip=frozenset(), target_role: str | None = None) -> None:
        for key, value in mapping.items():
            if key in skip:
                continue
            self.view.var_defs.append(
                VarDef(key, value, mapping.key_span(key), mapping.value_span(key), origin, target_role)
            )

    def task_definitions(self, task: Task) -> None:
        node = task.node
        if task.module == "ansible.builtin.set_fact":
            holder = node.get(task.action_key)
            if isinstance(holder, YMap):
                self.mapping_defs(holder, "set_fact", skip=frozenset(("cacheable",)))
            else:
                for key, value in task.args.items():
                    if key not in ("cacheable", "_raw_params"):
                        span = task.arg_span(key)
                        self.view.var_defs.append(VarDef(key, value, span, span, "set_fact"))
        register = node.get("register")
        if isinstance(register, str):
            span = node.value_span("register")
            self.view.var_defs.append(VarDef(register, None, span, span, "register"))

    def task_references(self, task: Task) -> None:
        brings = INCLUDE_ACTIONS.get(task.module or "")
        if brings is None:
            return
        if brings == "role":
            target = task.args.get("name")
            key = "name"
        else:
            target = task.args.get("file", task.args.get("_raw_params"))
            key = "file" if "file" in task.args else "_raw_params"
        if isinstance(target, str) and target:
            span = task.arg_span(key) if key != "_raw_params" else task.node.value_span(task.action_key)
            self.view.references.append(Reference(brings, target.strip(), span, task.action_key or ""))

    def play(self, item: YMap) -> None:
        play = Play(item)
        self.view.plays.append(play)
        self.vars_of(item, "play")
        for key in _IMPORT_PLAYBOOK:
            target = item.get(key)
            if isinstance(target, str):
                self.view.references.append(Reference("playbook", target.strip(), item.value_span(key), key))
        vars_files = item.get("vars_files")
        if isinstance(vars_files, YSeq):
            for index, entry in enumerate(vars_files):
                if isinstance(entry, str):
                    self.view.references.append(Reference("vars", entry, vars_files.item_span(index), "vars_files"))
        roles = item.get("roles")
        if isinstance(roles, YSeq):
            for index, entry in enumerate(roles):
                if isinstance(entry, str):
                    self.view.references.append(Reference("role", entry, roles.item_span(index), "roles"))
                elif isinstance(entry, YMap):
                    name_key = "role" if "role" in entry else "name"
                    name = entry.get(name_key)
                    if isinstance(name, str):
                        self.view.references.append(Reference("role", name, entry.value_span(name_key), "roles"))
                    target = name if isinstance(name, str) else None
                    self.mapping_defs(entry, "role", skip=ROLE_ENTRY_KEYWORDS, target_role=target)
                    self.vars_of(entry, "role", target)
        for section in PLAY_TASK_SECTIONS:
            self.tasks(item.get(section), section == "handlers", (), play)


def parse(source: SourceFile, documents: list[YamlDocument] | None = None) -> AnsibleFile:
    """The view of one Ansible file. ``documents`` is None for a file that is not YAML by
    its name (an INI inventory such as ``inventory`` or ``hosts``)."""
    if documents is None:
        from . import ansible_inventory

        if ansible_inventory.looks_like_ini(source.text):
            view = AnsibleFile(source, [], "inventory")
            view.inventory = ansible_inventory.parse_ini(source)
            view.var_defs.extend(view.inventory.var_defs)
            return view
        from .. import yamlmodel

        documents = yamlmodel.load(source)
    roots = [d.root for d in documents]
    role = file_role(source.path)
    if role in ("runtime", "galaxy") and not _is_collection_meta(role, roots):
        role = None  # named like collection metadata, but something else
    if role in ("tasks", "handlers") and any(_is_playbook(r) for r in roots):
        role = "playbook"  # a playbook kept in a tasks/ folder (Molecule scenarios do)
    if role == "playbook":
        play = next((r for r in roots if _is_play_mapping(r)), None)
        if play is not None:  # ansible-playbook refuses it: "A playbook must be a list of plays"
            raise ParseError(
                "a playbook is a list of plays, and this is a mapping: write the play as an item of "
                "the list (`- hosts: ...`)",
                Span.point(play.span.line, play.span.column),
            )
    if role is None or role == "playbook":
        if any(_is_playbook(r) for r in roots):
            role = "playbook"
        elif any(isinstance(r, YSeq) for r in roots):
            role = "tasks"
        elif roots and all(_is_inventory(r) for r in roots if r is not None) and any(r is not None for r in roots):
            role = "inventory"
        else:
            role = "vars"
    if role == "inventory" and not all(isinstance(r, YMap) or r is None for r in roots):
        role = "vars"
    view = AnsibleFile(source, documents, role)
    view.role_path = role_root(source.path)
    builder = _Builder(view)
    for root in roots:
        if isinstance(root, YSeq) and role in ("playbook", "tasks", "handlers"):
            if role == "playbook":
                for item in root:
                    if isinstance(item, YMap):
                        builder.play(item)
            else:
                builder.tasks(root, role == "handlers", (), None)
        elif isinstance(root, YMap) and role == "inventory":
            from . import ansible_inventory

            view.inventory = ansible_inventory.from_yaml(root)
            view.var_defs.extend(view.inventory.var_defs)
        elif isinstance(root, YMap) and role == "vars":
            view.variables.append(root)
            builder.mapping_defs(root, "vars-file")
    return view


def claims(path: str) -> bool:
    """A file that is not YAML by its name but is Ansible: an INI inventory (``inventory``,
    ``hosts``, ``*.ini`` in an ``inventory/`` folder) that sits with other Ansible files."""
    from . import ansible_inventory

    return ansible_inventory.claims(path)


__all__ = [
    "AnsibleFile", "Block", "CommandLine", "FreeFormArgs", "Play", "Reference", "Task", "VarDef",
    "claims", "file_role", "fqcn", "has_jinja", "parse", "parse_free_form",
    "short_name", "sniff", "split_args", "strip_jinja",
]  # fmt: skip
