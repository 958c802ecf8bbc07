"""Custom SELinux user, role or type."""

from lintkit.model import Example, Problem, rule
from lintkit.parsers.kubernetes import mapping

from .security import POD

#: Types the baseline Pod Security Standard allows.
_ALLOWED_TYPES = frozenset(("", "container_t", "container_init_t", "container_kvm_t", "container_engine_t"))


@rule(
    id="K8027",
    name="no-custom-selinux",
    severity="warning",
    summary="Custom SELinux user, role or type set",
    rationale=(
        "SELinux confines containers through the container_t type. Setting another type, or "
        "a user or role, can take the container out of that confinement (spc_t is "
        "unconfined). The baseline Pod Security Standard forbids it."
    ),
    tags=("security",),
    aliases=("KSV025",),
    examples=(
        Example(
            bad=POD.replace("SETTING", "seLinuxOptions: {type: spc_t}"),
            good=POD.replace("SETTING", "seLinuxOptions: {level: 's0:c123,c456'}"),
            filename="pod.yaml",
        ),
    ),
)
def check(manifest, ctx):
    for obj, pod in manifest.workloads():
        owners = [(obj.label, pod.security_context)] + [(c.label, c.security_context) for c in pod.containers]
        for label, context in owners:
            options = mapping((context or {}).get("seLinuxOptions"))
            if options is None:
                continue
            selinux_type = options.get("type")
            if isinstance(selinux_type, str) and selinux_type not in _ALLOWED_TYPES:
                yield Problem(options.value_span("type"), f"{label} sets SELinux type {selinux_type}")
            for field in ("user", "role"):
                if options.get(field):
                    yield Problem(options.value_span(field), f"{label} sets SELinux {field} {options[field]}")
