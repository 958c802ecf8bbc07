"""NetworkPolicies whose podSelector matches no pod."""

from lintkit.model import Example, Problem, rule

from . import inventory
from .labels import selector_matches
from .snippets import DEPLOYMENT, NETWORK_POLICY


@rule(
    id="K8053",
    name="networkpolicy-selects-pods",
    severity="warning",
    summary="NetworkPolicy podSelector matches no pod",
    rationale=(
        "A NetworkPolicy protects the pods its podSelector matches. One that matches nothing "
        "(a typo, a renamed app) protects nothing while looking like it does. Reported when "
        "the policy's folder defines workloads."
    ),
    tags=("security",),
    aliases=(
        "kube-linter:dangling-networkpolicy",
        "kube-linter:dangling-networkpolicypeer-podselector",
        "kube-score:networkpolicy-targets-pod",
        "KSV038",
    ),
    examples=(
        Example(
            bad=DEPLOYMENT.replace("      SPREAD\n", "")
            + "---\n"
            + NETWORK_POLICY.replace("{app: web}", "{app: webb}"),
            good=DEPLOYMENT.replace("      SPREAD\n", "") + "---\n" + NETWORK_POLICY,
            filename="web.yaml",
        ),
    ),
    collect=inventory.FACTS,
)
def check(run, ctx):
    for path, policy in run.of_kind("NetworkPolicy"):
        selector = policy.spec.get("selector")
        if not selector or not run.folder_defines(path, *_WORKLOADS):
            continue
        if any(selector_matches(selector, labels) for _p, _o, labels in run.pod_label_sets(policy.namespace)):
            continue
        yield Problem(policy.spec["selector_span"], f"{policy.label} selects no pod", path=path)


_WORKLOADS = ("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Pod", "Job", "CronJob")
