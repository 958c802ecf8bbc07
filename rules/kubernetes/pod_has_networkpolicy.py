"""Workloads that no NetworkPolicy selects."""

from lintkit.model import Example, Problem, rule

from . import inventory
from .labels import selector_matches
from .snippets import DEPLOYMENT, NETWORK_POLICY


@rule(
    id="K8052",
    name="pod-has-networkpolicy",
    severity="info",
    summary="Workload not selected by any NetworkPolicy",
    rationale=(
        "Pods no NetworkPolicy selects accept traffic from every pod of the cluster: one "
        "compromised pod can reach them all. Off by default (it needs the policies in the same run)."
    ),
    tags=("security",),
    aliases=(
        "CKV2_K8S_6",
        "kube-linter:non-isolated-pod",
        "kube-score:pod-networkpolicy",
        "polaris:missingNetworkPolicy",
    ),
    enabled=False,
    examples=(
        Example(
            bad=DEPLOYMENT.replace("      SPREAD\n", ""),
            good=DEPLOYMENT.replace("      SPREAD\n", "") + "---\n" + NETWORK_POLICY,
            filename="web.yaml",
        ),
    ),
    collect=inventory.FACTS,
)
def check(run, ctx):
    policies = [p for _path, p in run.of_kind("NetworkPolicy")]
    for path, obj in run.objects:
        if obj.pod is None:
            continue
        if any(
            inventory.same_namespace(p.namespace, obj.namespace)
            and selector_matches(p.spec.get("selector", {}), obj.pod.labels)
            for p in policies
        ):
            continue
        yield Problem(obj.name_span, f"{obj.label} is not selected by any NetworkPolicy", path=path)
