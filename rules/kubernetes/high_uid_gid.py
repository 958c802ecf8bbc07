"""runAsUser / runAsGroup unset or low enough to collide with host accounts."""

from lintkit.model import Example, Problem, rule

from .security import pod_with


@rule(
    id="K8017",
    name="high-uid-gid",
    severity="info",
    summary="runAsUser/runAsGroup unset or below 10000",
    rationale=(
        "Without user namespaces a container's UIDs are the node's UIDs. A container running "
        "as UID 1000 that escapes owns whatever UID 1000 owns on the node (often the first "
        "human account); UIDs from 10000 up belong to no host account. Pods with "
        "`hostUsers: false` get their own user namespace and are exempt. Off by default."
    ),
    tags=("security",),
    aliases=("CKV_K8S_40", "kube-score:container-security-context-user-group-id", "KSV020", "KSV021"),
    enabled=False,
    options={
        "type": "object",
        "properties": {"minimum": {"type": "integer", "default": 10000, "description": "lowest accepted UID/GID"}},
        "additionalProperties": False,
    },
    examples=(Example(bad=pod_with("runAsUser: 1000"), good=pod_with("runAsUser: 10001"), filename="pod.yaml"),),
)
def check(manifest, ctx):
    minimum = ctx.options["minimum"]
    for _obj, pod in manifest.workloads():
        if pod.is_windows or pod.node.get("hostUsers") is False:
            continue
        for container in pod.containers:
            user = container.security_setting("runAsUser")
            if user is None:
                yield Problem(
                    container.name_span(), f"{container.label} sets no runAsUser (use a UID of {minimum} or more)"
                )
            elif not isinstance(user[0], int) or user[0] < minimum:
                yield Problem(
                    user[1].value_span("runAsUser"), f"{container.label} runs as UID {user[0]}, below {minimum}"
                )
            group = container.security_setting("runAsGroup")
            if group is not None and isinstance(group[0], int) and group[0] < minimum:
                yield Problem(
                    group[1].value_span("runAsGroup"), f"{container.label} runs with GID {group[0]}, below {minimum}"
                )
