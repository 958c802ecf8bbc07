"""Host paths that matter when mounted into a container: control sockets, root-equivalent
and kernel paths, credentials. One table for every kind that mounts host paths (compose
volumes, Kubernetes hostPath volumes, GitHub job containers) and for the policy subjects.
"""

import os

def normalize_host_path(path: str) -> str:
    """``/var/run/../run/.`` -> ``/run``: the path Docker mounts (``~`` stays as written)."""
    if not path:
        return ""
    normalized = os.path.normpath(path).replace("\\", "/")
    if normalized.startswith("//"):
        normalized = "/" + normalized.lstrip("/")
    return normalized


#: Control sockets, matched anywhere in the host path.
SOCKETS = {
    "docker.sock": "the Docker API socket",
    "containerd.sock": "the containerd API socket",
    "crio.sock": "the CRI-O API socket",
    "podman.sock": "the Podman API socket",
    "systemd/private": "systemd's private socket",
}
#: Directories holding a control socket: mounting them, or a parent, hands the socket over.
SOCKET_DIRS = ("/run/containerd", "/run/systemd", "/var/run", "/run")

#: Writing under these is root on the host (prefix match).
ROOT_EQUIVALENT = (
    "/etc", "/root", "/boot", "/var/lib/docker", "/var/lib/containerd", "/proc",
    "/usr/bin", "/usr/sbin", "/usr/local/bin", "/usr/local/sbin", "/bin", "/sbin",
    "/lib/modules", "/usr/lib/modules",
)  # fmt: skip
#: ...and these, named exactly (their children, e.g. /var/lib/mysql, are ordinary data).
ROOT_EQUIVALENT_EXACT = ("/var/lib", "/usr", "/usr/lib", "/lib", "/lib64")
#: Root-equivalent only when writable: reading them discloses nothing secret.
HARMLESS_READ_ONLY = frozenset(
    ("/usr", "/usr/bin", "/usr/sbin", "/usr/local/bin", "/usr/local/sbin", "/bin", "/sbin",
     "/lib/modules", "/usr/lib/modules", "/usr/lib", "/lib", "/lib64")
)  # fmt: skip
#: Kernel interfaces and devices (prefix match), sensitive even read-only.
KERNEL_PATHS = ("/sys", "/dev")
HARMLESS_DEVICES = frozenset(("/dev/null", "/dev/zero", "/dev/full", "/dev/random", "/dev/urandom"))
TIMEZONE_FILES = frozenset(("/etc/localtime", "/etc/timezone"))
CREDENTIAL_DIRS = frozenset((".ssh", ".docker", ".aws", ".kube", ".gnupg"))


def socket_exposed(host_path: str) -> str | None:
    """What control socket a mount of ``host_path`` exposes, or None."""
    for marker, what in SOCKETS.items():
        if marker in host_path:
            return what
    path = normalize_host_path(host_path)
    if path == "/":
        return "every control socket (the whole host filesystem)"
    for directory in SOCKET_DIRS:
        if path == directory or directory.startswith(path + "/"):
            return f"the control sockets in {directory}"
    return None


def _under(path: str, prefixes) -> str | None:
    for prefix in prefixes:
        if path == prefix or path.startswith(prefix + "/"):
            return prefix
    return None


def root_equivalent(host_path: str) -> str | None:
    path = normalize_host_path(host_path)
    return _under(path, ROOT_EQUIVALENT) or (path if path in ROOT_EQUIVALENT_EXACT else None)


def sensitive(host_path: str, read_only: bool) -> str | None:
    """Why mounting ``host_path`` exposes the host (None when it does not, or when the
    socket rule owns it)."""
    path = normalize_host_path(host_path)
    if not path or path in HARMLESS_DEVICES or socket_exposed(host_path):
        return None
    kernel = _under(path, KERNEL_PATHS)
    if kernel:
        return f"host kernel interfaces and devices under {kernel}"
    home = _home(path)
    if home:
        return f"user data and credentials in {home}"
    runtime = _under(path, ("/run", "/var/run"))
    if runtime and path != runtime:
        return f"host runtime state under {runtime} (service sockets, the system bus)"
    root = root_equivalent(path)
    if root is None:
        return None
    if path in TIMEZONE_FILES:
        return None if read_only else f"the host's timezone ({path}), writable"
    if read_only:
        return None if root in HARMLESS_READ_ONLY else f"host configuration and credentials under {root}"
    return f"{root}, writable: writing there is root on the host"


def _home(path: str) -> str | None:
    if path in ("~", "/home"):
        return path
    if path.startswith("~/"):
        first = path[2:].split("/", 1)[0]
        return "~/" + first if first in CREDENTIAL_DIRS else None
    if path.startswith("/home/"):
        parts = path.split("/")
        if len(parts) == 3:
            return path
        if parts[3] in CREDENTIAL_DIRS:
            return "/".join(parts[:4])
    return None
