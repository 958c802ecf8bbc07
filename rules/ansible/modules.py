"""What the Ansible rules know about modules and commands, as data.

Rules look things up here instead of hard-coding module names, so that teaching lintkit a
new module (or a new command that has a module) is one line in a table. Module names are
FQCNs as :func:`lintkit.parsers.ansible.fqcn` normalises them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping


def builtin(*names: str) -> frozenset[str]:
    return frozenset(f"ansible.builtin.{n}" for n in names)


@dataclass(frozen=True, slots=True)
class Replacement:
    """A command that has a module doing the same job idempotently.

    ``module`` replaces any use of the command, except with a first argument in
    ``excluded`` (``git log``, ``systemctl status``: nothing to replace). When
    ``subcommands`` is given, only those first arguments count, each with its module
    (``docker run`` -> docker_container, ``docker pull`` -> docker_image).
    """

    module: str = ""
    excluded: frozenset[str] = frozenset()
    subcommands: Mapping[str, str] = field(default_factory=dict)

    def module_for(self, first_argument: str | None) -> str | None:
        if self.subcommands:
            return self.subcommands.get(first_argument or "")
        if first_argument in self.excluded:
            return None
        return self.module


def _r(module: str, excluded: str = "") -> Replacement:
    return Replacement(module, frozenset(excluded.split()))


def _sub(module: str, subcommands: str) -> Replacement:
    return Replacement(subcommands={s: module for s in subcommands.split()})


#: Commands with a module. The first group is ansible-lint's list (kept with its
#: exclusions); the rest extend it to what the course notes run from Ansible: docker,
#: package managers, users and files.
COMMAND_MODULES: dict[str, Replacement] = {
    "apt-get": _r("ansible.builtin.apt"),
    "chkconfig": _r("ansible.builtin.service"),
    "curl": _r("ansible.builtin.get_url or ansible.builtin.uri"),
    "git": _r("ansible.builtin.git", "branch log lfs rev-parse clean"),
    "hg": _r("community.general.hg"),
    "letsencrypt": _r("community.crypto.acme_certificate"),
    "mktemp": _r("ansible.builtin.tempfile"),
    "mount": _r("ansible.posix.mount"),
    "patch": _r("ansible.posix.patch"),
    "rpm": _r("ansible.builtin.dnf or ansible.builtin.rpm_key", "--nodeps"),
    "rsync": _r("ansible.posix.synchronize"),
    "sed": _r("ansible.builtin.template, ansible.builtin.replace or ansible.builtin.lineinfile"),
    "service": _r("ansible.builtin.service"),
    "supervisorctl": _r("community.general.supervisorctl"),
    "svn": _r("ansible.builtin.subversion"),
    "systemctl": _r("ansible.builtin.systemd_service", (
        "--version get-default kill set-default set-property set-environment "
        "unset-environment show-environment status reset-failed"
    )),
    "tar": _r("ansible.builtin.unarchive"),
    "unzip": _r("ansible.builtin.unarchive"),
    "wget": _r("ansible.builtin.get_url or ansible.builtin.uri"),
    "yum": _r("ansible.builtin.dnf", "clean history info"),
    # Beyond ansible-lint's list.
    "docker": Replacement(subcommands={
        "run": "community.docker.docker_container",
        "pull": "community.docker.docker_image",
        "build": "community.docker.docker_image",
        "push": "community.docker.docker_image",
        "login": "community.docker.docker_login",
        "network": "community.docker.docker_network",
        "volume": "community.docker.docker_volume",
    }),
    "apt": _sub("ansible.builtin.apt", "install remove purge update upgrade autoremove"),
    "dnf": _sub("ansible.builtin.dnf", "install remove update upgrade"),
    "apk": _sub("community.general.apk", "add del upgrade update"),
    "pip": _sub("ansible.builtin.pip", "install uninstall"),
    "pip3": _sub("ansible.builtin.pip", "install uninstall"),
    "useradd": _r("ansible.builtin.user"),
    "usermod": _r("ansible.builtin.user"),
    "userdel": _r("ansible.builtin.user"),
    "groupadd": _r("ansible.builtin.group"),
    "mkdir": _r("ansible.builtin.file"),
    "chmod": _r("ansible.builtin.file"),
    "chown": _r("ansible.builtin.file"),
    "crontab": _r("ansible.builtin.cron", "-l"),
    "hostnamectl": _sub("ansible.builtin.hostname", "set-hostname"),
    "timedatectl": _sub("community.general.timezone", "set-timezone"),
}  # fmt: skip
#: Shell builtins with no program of the same name: a ``shell`` task running one of
#: these needs the shell (``command: cd /x`` fails: there is no ``cd`` to execute).
SHELL_BUILTINS = frozenset("""
    . : alias bg break builtin cd command continue declare eval exec exit export fg getopts
    hash history jobs let local logout popd pushd read readonly return set shift shopt source
    times trap type typeset ulimit umask unalias unset wait [[
""".split())

#: Package managers whose ``state: latest`` upgrades on every run.
PACKAGE_MODULES = builtin("apt", "dnf", "dnf5", "package", "pip", "yum") | {
    "community.general.apk", "community.general.gem", "community.general.homebrew",
    "community.general.npm", "community.general.pacman", "community.general.zypper",
    "community.general.pkgng", "community.general.snap", "community.general.composer",
}  # fmt: skip

#: Modules that create files, and whether they create one by default (``create:`` for
#: the line-editing ones): a file they create without ``mode`` gets whatever the umask
#: and the module's version decide.
FILE_MODULES = builtin("assemble", "copy", "file", "get_url", "replace", "template") | {
    "community.general.archive",
}  # fmt: skip
FILE_MODULES_WITH_CREATE = {
    "ansible.builtin.blockinfile": False,
    "ansible.builtin.htpasswd": True,
    "community.general.htpasswd": True,
    "ansible.builtin.ini_file": True,
    "community.general.ini_file": True,
    "ansible.builtin.lineinfile": False,
}
#: Modules accepting ``mode: preserve``.
PRESERVE_MODE_MODULES = builtin("copy", "template")
#: Modules with a ``mode`` argument that ansible-lint's risky-octal looks at.
MODE_MODULES = builtin("assemble", "copy", "file", "replace", "template", "unarchive") | {
    "community.general.ini_file", "ansible.posix.synchronize", "ansible.builtin.lineinfile",
}  # fmt: skip

#: Modules removed from Ansible or kept only for compatibility (short names, as written).
DEPRECATED_MODULES = frozenset("""
    accelerate aos_asn_pool aos_blueprint aos_blueprint_param aos_blueprint_virtnet aos_device
    aos_external_router aos_ip_pool aos_logical_device aos_logical_device_map aos_login
    aos_rack_type aos_template azure cl_bond cl_bridge cl_img_install cl_interface
    cl_interface_policy cl_license cl_ports cs_nic docker ec2_ami_find ec2_ami_search
    ec2_remote_facts ec2_vpc kubernetes netscaler nxos_ip_interface nxos_mtu nxos_portchannel
    nxos_switchport oc panos_nat_policy panos_security_policy vsphere_guest win_msi include
""".split())

#: Modules of ansible-core with a new canonical name (what ansible-lint's fqcn check
#: reports as fqcn[action-core] with the replacement).
BUILTIN_REDIRECTS = {
    "yum": "ansible.builtin.dnf",
    "include": "ansible.builtin.include_tasks",
}

#: Modules that fetch from a URL (Checkov's https and certificate checks).
DOWNLOAD_MODULES = builtin("get_url", "uri")
#: Modules with a ``validate_certs`` that disables TLS certificate checks, and the
#: Checkov id of the check for each.
VALIDATE_CERTS_IDS = {
    "ansible.builtin.uri": "CKV_ANSIBLE_1",
    "ansible.builtin.get_url": "CKV_ANSIBLE_2",
    "ansible.builtin.yum": "CKV_ANSIBLE_3",
    "ansible.builtin.dnf": "CKV2_ANSIBLE_6",
}
#: Modules with a repository ``sslverify`` switch.
SSLVERIFY_IDS = {"ansible.builtin.yum": "CKV_ANSIBLE_4", "ansible.builtin.dnf": "CKV2_ANSIBLE_5"}

#: Modules that include other task files or roles (no task name needed, no free-form check).
INCLUDE_MODULES = builtin(
    "include", "include_tasks", "import_tasks", "include_role", "import_role", "import_playbook",
)
#: Modules that only control the run (no change of the managed host).
META_MODULES = builtin("meta", "debug", "set_fact", "fail", "assert", "pause", "add_host", "group_by")
