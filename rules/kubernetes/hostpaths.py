"""hostPath volumes sorted by what they expose: shared by the hostPath rules."""

from __future__ import annotations

import posixpath

from lintkit.parsers.kubernetes import mapping

#: Container runtime sockets, and the folders that hold them.
RUNTIME_SOCKETS = {
    "/var/run/docker.sock": "the Docker daemon socket",
    "/run/docker.sock": "the Docker daemon socket",
    "/var/run/containerd/containerd.sock": "the containerd socket",
    "/run/containerd/containerd.sock": "the containerd socket",
    "/var/run/crio/crio.sock": "the CRI-O socket",
    "/run/crio/crio.sock": "the CRI-O socket",
    "/var/run/cri-dockerd.sock": "the cri-dockerd socket",
    "/var/run": "the folder holding the container runtime socket",
    "/run": "the folder holding the container runtime socket",
    "/var/run/docker": "the Docker daemon's run folder",
    "/var/run/containerd": "the containerd run folder",
    "/run/containerd": "the containerd run folder",
}
#: Host folders whose exposure hands over the node.
SENSITIVE_PATHS = {
    "/": "the node's whole filesystem",
    "/etc": "the node's configuration (users, kubelet credentials)",
    "/root": "root's home on the node",
    "/home": "the node users' homes",
    "/boot": "the node's kernel and boot loader",
    "/dev": "every device of the node",
    "/proc": "the node's processes and kernel settings",
    "/sys": "the node's kernel and device settings",
    "/lib": "the node's libraries",
    "/lib64": "the node's libraries",
    "/usr": "the node's programs",
    "/bin": "the node's programs",
    "/sbin": "the node's programs",
    "/var/lib/kubelet": "the kubelet's state, with every pod's secrets",
    "/var/lib/docker": "the images and containers of the node",
    "/var/lib/containerd": "the images and containers of the node",
    "/etc/kubernetes": "the node's Kubernetes credentials",
    "/var/lib/etcd": "the cluster's etcd data",
}


def normalized(path: str) -> str:
    cleaned = posixpath.normpath(path.strip())
    return "/" if cleaned in ("/", "//") else cleaned


def host_path_volumes(pod):
    """(volume, hostPath mapping, normalized path) for each hostPath volume of a pod."""
    for volume in pod.volumes:
        host_path = mapping(volume.get("hostPath"))
        if host_path is None:
            continue
        path = host_path.get("path")
        if isinstance(path, str) and path.strip():
            yield volume, host_path, normalized(path)


def mounts_of(pod, volume_name: str):
    """(container, volumeMount) pairs that mount the named volume."""
    for container in pod.containers:
        mounts = container.node.get("volumeMounts")
        if not isinstance(mounts, list):
            continue
        for mount in mounts:
            if isinstance(mount, dict) and mount.get("name") == volume_name:
                yield container, mount
