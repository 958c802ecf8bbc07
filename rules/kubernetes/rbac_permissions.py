"""Risky RBAC grants: one idea (a role grants some verbs on some resources; every binding
of it hands that to its subjects), one table of what is risky.

Each rule reports the role, at the resource item that grants the permission, and each
binding (in any file of the run) that gives such a role to subjects, at its roleRef.
"""

from dataclasses import dataclass

from lintkit.model import Example, Problem, rule

from . import rbac
from .rbac import permission


@dataclass(frozen=True)
class RiskyGrant:
    id: str
    name: str
    severity: str
    summary: str
    #: What the grant allows, in a message: "can read Secrets".
    allows: str
    rationale: str
    aliases: tuple[str, ...]
    #: The role is risky when it grants every one of these.
    permissions: tuple[rbac.Permission, ...]
    #: (verbs, resources, apiGroups) of each rule of the documented bad example.
    example: tuple[tuple[str, str, str], ...]
    enabled: bool = True


_READ_SECRETS = permission("get list watch create update patch delete deletecollection", "secrets", any_name_only=True)

TABLE = (
    RiskyGrant(
        "K8092", "rbac-secrets-access", "warning", "Role can read or manage Secrets", "can read or manage Secrets",
        "Reading Secrets means reading every credential of the namespace (or, for a ClusterRole, the "
        "cluster), service-account tokens included, which usually leads to more privileges. `list` and "
        "`watch` return the values too, not just names. Limit with resourceNames when possible.",
        ("CKV2_K8S_5", "kube-linter:access-to-secrets", "KSV041", "KSV113"),
        (_READ_SECRETS,), (("get list", "secrets", '""'),),
    ),
    RiskyGrant(
        "K8093", "rbac-create-pods", "info", "Role can create pods or workloads", "can create pods or workloads",
        "Whoever can create a pod can run it with any service account of the namespace and mount any "
        "Secret or hostPath the admission policy allows: creating pods is a path to every privilege "
        "present in the namespace. Off by default (controllers need it).",
        ("kube-linter:access-to-create-pods", "KSV048"),
        (permission("create", "pods deployments replicasets statefulsets daemonsets jobs cronjobs replicationcontrollers",
                    '"" apps batch extensions'),),
        (("create", "pods", '""'),), enabled=False,
    ),
    RiskyGrant(
        "K8094", "rbac-exec-attach", "warning", "Role can exec or attach into pods", "can exec or attach into pods",
        "`pods/exec` and `pods/attach` give a shell in any pod of the namespace, with its service account "
        "token and mounted Secrets.",
        ("CKV2_K8S_2", "polaris:clusterrolePodExecAttach", "polaris:rolePodExecAttach",
         "polaris:clusterrolebindingPodExecAttach", "polaris:rolebindingClusterRolePodExecAttach",
         "polaris:rolebindingRolePodExecAttach", "KSV053", "KSV054"),
        (permission("create get", "pods/exec pods/attach"),), (("create", "pods/exec", '""'),),
    ),
    RiskyGrant(
        "K8095", "rbac-node-proxy", "error", "ClusterRole can use nodes/proxy", "can use nodes/proxy",
        "`nodes/proxy` reaches the kubelet API of every node, which runs commands in any container "
        "of the node and bypasses audit logging and admission control.",
        ("CKV2_K8S_2", "KSV047"),
        (permission(None, "nodes/proxy", cluster_scoped=True),), (("get", "nodes/proxy", '""'),),
    ),
    RiskyGrant(
        "K8096", "rbac-impersonate", "error", "Role can impersonate users, groups or service accounts",
        "can impersonate users, groups or service accounts",
        "Impersonation lets the holder act as any user, group (system:masters included) or service "
        "account: every permission of the cluster is one header away.",
        ("CKV2_K8S_3", "KSV043"),
        (permission("impersonate", "users groups serviceaccounts userextras uids", '"" authentication.k8s.io'),),
        (("impersonate", "users", '""'),),
    ),
    RiskyGrant(
        "K8097", "rbac-bind-escalate", "error", "Role can bind or escalate roles",
        "can bind or escalate roles",
        "`bind` lets the holder grant any role it may reference, and `escalate` lets it edit a role to "
        "hold permissions it does not have: both defeat RBAC's rule that you cannot grant what you lack.",
        ("CKV_K8S_157", "CKV_K8S_158", "CKV2_K8S_1", "KSV050", "KSV051", "KSV052", "KSV055"),
        (permission("bind escalate", "roles clusterroles rolebindings clusterrolebindings", "rbac.authorization.k8s.io"),),
        (("escalate", "clusterroles", "rbac.authorization.k8s.io"),),
    ),
    RiskyGrant(
        "K8098", "rbac-admission-webhooks", "error", "ClusterRole can change admission webhook configurations",
        "can change admission webhooks",
        "An admission webhook sees, and for mutating ones rewrites, every object sent to the API server, "
        "Secrets included; whoever configures them controls the cluster.",
        ("CKV_K8S_155", "KSV114"),
        (permission("create update patch", "mutatingwebhookconfigurations validatingwebhookconfigurations",
                    "admissionregistration.k8s.io", cluster_scoped=True),),
        (("patch", "mutatingwebhookconfigurations", "admissionregistration.k8s.io"),),
    ),
    RiskyGrant(
        "K8099", "rbac-approve-csr", "error", "ClusterRole can approve CertificateSigningRequests",
        "can approve certificate signing requests",
        "Approving CSRs lets the holder obtain client certificates for any user or group the signer "
        "accepts, system:masters included on some signers.",
        ("CKV_K8S_156",),
        (permission("update patch", "certificatesigningrequests/approval", "certificates.k8s.io", cluster_scoped=True),
         permission("approve", "signers", "certificates.k8s.io", cluster_scoped=True)),
        (("update", "certificatesigningrequests/approval", "certificates.k8s.io"),
         ("approve", "signers", "certificates.k8s.io")),
    ),
    RiskyGrant(
        "K8100", "rbac-services-status", "warning", "Role can patch services/status (CVE-2020-8554)",
        "can modify services/status",
        "Whoever can set `status.loadBalancer.ingress` of a Service can redirect cluster traffic for any "
        "IP to it (CVE-2020-8554, unfixed by design).",
        ("CKV2_K8S_4",),
        (permission("update patch", "services/status"),), (("patch", "services/status", '""'),),
    ),
    RiskyGrant(
        "K8101", "rbac-other-sensitive", "info", "Role can delete pod logs or manage NetworkPolicies",
        "can delete pod logs or change NetworkPolicies",
        "Deleting pod logs hides an intrusion; changing NetworkPolicies opens the network isolation of "
        "the namespace. Off by default.",
        ("KSV042", "KSV049", "KSV056", "KSV115"),
        (permission("delete deletecollection create update patch", "pods/log networkpolicies",
                    '"" networking.k8s.io extensions'),),
        (("delete", "pods/log", '""'),), enabled=False,
    ),
)  # fmt: skip


def _role_example(rules: tuple[tuple[str, str, str], ...]) -> str:
    text = "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: agent\nrules:\n"
    for verbs, resources, groups in rules:
        text += f"  - apiGroups: [{groups}]\n    resources: [{resources}]\n    verbs: [{verbs.replace(' ', ', ')}]\n"
    return text


def _make(row: RiskyGrant):
    @rule(
        id=row.id,
        name=row.name,
        severity=row.severity,
        summary=row.summary,
        rationale=row.rationale,
        tags=("security",),
        aliases=row.aliases,
        enabled=row.enabled,
        examples=(
            Example(
                bad=_role_example(row.example), good=_role_example((("get", "configmaps", '""'),)), filename="role.yaml"
            ),
        ),
        collect=rbac.FACTS,
    )
    def check(facts_by_path, ctx):
        risky: dict[tuple[str, str, str | None], bool] = {}
        for path, found in facts_by_path.items():
            for role in found.roles:
                spans = [rbac.granted_at(role, p) for p in row.permissions]
                if all(spans):
                    risky[(role.kind, role.name, role.namespace)] = True
                    yield Problem(spans[0], f"{role.kind}/{role.name} {row.allows}", path=path)
        if not risky:
            return
        index = rbac.index_roles(facts_by_path)
        for path, found in facts_by_path.items():
            for binding in found.bindings:
                for _role_path, role in rbac.resolve(binding, index):
                    if (role.kind, role.name, role.namespace) in risky:
                        yield Problem(
                            binding.role_span,
                            f"{binding.label} gives {binding.subjects_text()} the {role.kind} {role.name}, which {row.allows}",
                            path=path,
                        )
                        break

    return check


RULES = [_make(row) for row in TABLE]
