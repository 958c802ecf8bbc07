"""Pods sharing a namespace of the node: one idea (a pod-spec flag that must not be true),
three rules, one per namespace."""

from lintkit.model import Example, Problem, rule

_POD = """\
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  FIELD: VALUE
  containers:
    - name: web
      image: nginx:1.27.2
"""

#: (id, name, pod-spec field, namespace, what sharing it gives away, aliases)
_TABLE = (
    ("K8031", "no-host-network", "hostNetwork", "network",
     "the pod's processes see every interface of the node, can bind its ports and reach services "
     "listening on localhost, and bypass NetworkPolicies",
     ("CKV_K8S_19", "CKV_K8S_4", "kube-linter:host-network", "polaris:hostNetworkSet", "KSV009")),
    ("K8032", "no-host-pid", "hostPID", "process ID",
     "the pod's processes see every process of the node, with their environment and arguments "
     "(secrets included), and can signal or trace them",
     ("CKV_K8S_17", "CKV_K8S_1", "kube-linter:host-pid", "polaris:hostPIDSet", "KSV010")),
    ("K8033", "no-host-ipc", "hostIPC", "IPC",
     "the pod's processes can read and write the shared memory and message queues of every process "
     "of the node",
     ("CKV_K8S_18", "CKV_K8S_3", "kube-linter:host-ipc", "polaris:hostIPCSet", "KSV008")),
)  # fmt: skip


def _make(rule_id, name, field, namespace, consequence, aliases):
    @rule(
        id=rule_id,
        name=name,
        severity="error",
        summary=f"Pod shares the node's {namespace} namespace ({field})",
        rationale=(f"With `{field}: true` {consequence}. Also reported for PodSecurityPolicies that allow it."),
        tags=("security",),
        aliases=aliases,
        examples=(
            Example(
                bad=_POD.replace("FIELD", field).replace("VALUE", "true"),
                good=_POD.replace("FIELD", field).replace("VALUE", "false"),
                filename="pod.yaml",
            ),
        ),
    )
    def check(manifest, ctx):
        for obj, pod in manifest.workloads():
            if pod.node.get(field) is True:
                yield Problem(
                    pod.node.value_span(field), f"{obj.label} shares the node's {namespace} namespace ({field})"
                )
        for obj in manifest.of_kind("PodSecurityPolicy"):
            if obj.spec.get(field) is True:
                yield Problem(
                    obj.spec.value_span(field), f"{obj.label} admits pods sharing the node's {namespace} namespace"
                )

    return check


RULES = [_make(*row) for row in _TABLE]
