"""The Docker (or containerd, Podman, systemd) control socket mounted into a service."""

from lintkit.model import Example, Problem, rule

from lintkit.hostpaths import socket_exposed


@rule(
    id="DC025",
    name="no-docker-socket-mount",
    severity="error",
    summary="A container-runtime control socket (docker.sock) is mounted into a service",
    rationale=(
        "Whoever can talk to the Docker socket can start a privileged container with the "
        "host's root filesystem mounted: the socket is root on the host, and `:ro` does not "
        "change that (it protects the socket file, not the API). Mounting /var/run, /run or "
        "/ hands it over too. Put a filtering proxy in front if a service really needs the API."
    ),
    tags=("security",),
    aliases=("compose-lint:CL-0001", "kics:docker_socket_mounted_in_container"),
    examples=(
        Example(
            bad="services:\n  ci:\n    image: runner:1.0\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock:ro\n",
            good="services:\n  ci:\n    image: runner:1.0\n    volumes:\n      - ./builds:/builds\n",
            filename="docker-compose.yml",
        ),
    ),
)
def check(compose, ctx):
    for service in compose.services:
        for host_path, _read_only, span in service.bind_mounts():
            what = socket_exposed(host_path)
            if what:
                yield Problem(span, f"service {service.name!r} mounts {host_path}, exposing {what}: root on the host")
