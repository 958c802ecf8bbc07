"""Shared pieces of the securityContext rules: capability lists, PodSecurityPolicies and
the example pod they document themselves with."""

from __future__ import annotations

from lintkit.model import Fix, Problem
from lintkit.parsers.kubernetes import dig, mapping
from lintkit.yamledit import set_nested
from lintkit.yamlmodel import YSeq

POD = """\
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      image: nginx:1.27.2
      securityContext:
        SETTING
"""


def pod_with(setting: str) -> str:
    """The example pod with one container securityContext line (``allowPrivilegeEscalation: false``)."""
    return POD.replace("SETTING", setting)


def capability_name(value) -> str:
    """``CAP_SYS_ADMIN``, ``sys_admin`` -> ``SYS_ADMIN``."""
    name = str(value).strip().upper()
    return name[4:] if name.startswith("CAP_") else name


def capabilities(container, which: str) -> YSeq | None:
    """The container's ``securityContext.capabilities.<add|drop>`` list."""
    found = dig(container.security_context, "capabilities", which)
    return found if isinstance(found, YSeq) else None


def capabilities_span(container):
    """Where a missing drop list is reported: ``capabilities``, ``securityContext`` or the name."""
    context = container.security_context
    if context is not None and mapping(context.get("capabilities")) is not None:
        return context.key_span("capabilities")
    if context is not None:
        return container.node.key_span("securityContext")
    return container.name_span()


def pod_security_policies(manifest):
    """(PodSecurityPolicy object, its spec) pairs."""
    for obj in manifest.of_kind("PodSecurityPolicy"):
        yield obj, obj.spec


def linux_containers(manifest):
    """Containers of pods that run on Linux (Linux-only settings are meaningless on Windows)."""
    for _obj, pod in manifest.workloads():
        if not pod.is_windows:
            yield from pod.containers


def is_zero(value) -> bool:
    """The integer 0 (YAML ``false`` is not a UID)."""
    return value == 0 and not isinstance(value, bool)


def required_setting(manifest, field: str, wanted: bool, wrong: str):
    """Problems for Linux containers whose securityContext does not set ``field`` to
    ``wanted``: at the value when it is set otherwise (``{label} {wrong}``), at the
    securityContext (or the container's name) when it is not set at all."""
    written = str(wanted).lower()
    for container in linux_containers(manifest):
        context = container.security_context
        edits = set_nested(manifest.source, container.node, ("securityContext", field), written)
        fix = Fix(f"set {field}: {written}", edits) if edits else None
        if context is not None and field in context:
            if context[field] is not wanted:
                yield Problem(context.value_span(field), f"{container.label} {wrong}", fix)
        elif not container.pod.obj.is_patch:  # a patch leaves what it does not set to its base
            where = container.node.key_span("securityContext") if context is not None else container.name_span()
            yield Problem(where, f"{container.label} does not set {field}: {written}", fix)
