"""The RPM-family package managers (yum, dnf, microdnf, zypper) as data: how each one
answers yes, cleans its cache and spells a pinned package."""

from __future__ import annotations

#: manager -> options that answer its confirmation prompts.
ASSUME_YES = {
    "yum": ("-y", "--assumeyes"),
    "dnf": ("-y", "--assumeyes"),
    "zypper": ("-n", "--non-interactive", "-y", "--no-confirm"),
}
#: manager -> (subcommands that clean the cache, the cache directory).
CLEAN = {
    "yum": (("clean",), "/var/cache/yum"),
    "dnf": (("clean",), "/var/cache/dnf"),
    "microdnf": (("clean",), "/var/cache/yum"),
    "zypper": (("clean", "cc"), "/var/cache/zypp"),
}


def is_pinned(package: str) -> bool:
    """``name-1.2.3``, ``name-1.2-1.el9``, ``name = 1.2`` or a local ``.rpm`` file."""
    if package.endswith(".rpm") or package.startswith(("@", "/", "http://", "https://")):
        return True
    if "=" in package or ">" in package or "<" in package:
        return True
    return any(
        char == "-" and following.isdigit()
        for char, following in zip(package, package[1:], strict=False)
    )
