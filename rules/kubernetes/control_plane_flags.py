"""Insecure flags of control-plane static pods (kube-apiserver, kube-controller-manager,
kube-scheduler, etcd, kubelet), after the CIS Kubernetes Benchmark.

One idea, one table: a component is recognised by its binary in the container's
``command``; its ``--flag=value`` / ``--flag value`` arguments (command and args) are read
once, and each row of the table states what one flag must (not) be.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from lintkit.model import Example, Problem, rule
from lintkit.parsers.kubernetes import items_of

from . import apis, schema

STRONG_CIPHERS = frozenset((
    "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
    "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
    "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
    "TLS_RSA_WITH_AES_256_GCM_SHA384", "TLS_RSA_WITH_AES_128_GCM_SHA256",
    "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
    "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
))  # fmt: skip
_DURATION = re.compile(r"(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+")


@dataclass(frozen=True)
class Check:
    """What one flag must (not) be: ``test(flags)`` says what is wrong, or None."""

    flag: str
    test: Callable[[dict], str | None]


def equals(flag: str, wanted: str) -> Check:
    return Check(
        flag, lambda flags: None if flags.get(flag) == wanted else f"{flag} must be {wanted}" + _was(flags, flag)
    )


def not_equals(flag: str, bad: str) -> Check:
    return Check(flag, lambda flags: f"{flag} must not be {bad}" if flags.get(flag) == bad else None)


def is_set(flag: str, *others: str) -> Check:
    def test(flags):
        missing = [n for n in (flag, *others) if not flags.get(n)]
        return f"{' and '.join(missing)} must be set" if missing else None

    return Check(flag, test)


def not_set(flag: str) -> Check:
    return Check(flag, lambda flags: f"{flag} must not be set" if flag in flags else None)


def includes(flag: str, item: str, *, when_set: bool = False) -> Check:
    """The comma list must include ``item`` (with ``when_set``: only if the flag is given)."""

    def test(flags):
        if when_set and flag not in flags:
            return None
        return None if item in _items(flags.get(flag)) else f"{flag} does not include {item}"

    return Check(flag, test)


def excludes(flag: str, item: str) -> Check:
    return Check(flag, lambda flags: f"{flag} must not include {item}" if item in _items(flags.get(flag)) else None)


def includes_one_of(flag: str, *items: str) -> Check:
    def test(flags):
        if flag not in flags or set(items) & set(_items(flags[flag])):
            return None
        return f"{flag} has none of {', '.join(items)}"

    return Check(flag, test)


def at_least(flag: str, minimum: int) -> Check:
    def test(flags):
        value = flags.get(flag)
        if not (isinstance(value, str) and value.isdigit() and int(value) >= minimum):
            return f"{flag} must be at least {minimum}" + _was(flags, flag)
        return None

    return Check(flag, test)


def at_most(flag: str, maximum: int) -> Check:
    def test(flags):
        value = flags.get(flag)
        if isinstance(value, str) and value.isdigit() and int(value) > maximum:
            return f"{flag} should be at most {maximum} (was {value})"
        return None

    return Check(flag, test)


def strong_ciphers() -> Check:
    def test(flags):
        weak = [c for c in _items(flags.get("--tls-cipher-suites")) if c not in STRONG_CIPHERS]
        return f"--tls-cipher-suites includes weak ciphers {', '.join(weak)}" if weak else None

    return Check("--tls-cipher-suites", test)


def duration(flag: str) -> Check:
    def test(flags):
        value = flags.get(flag)
        if value is None or (isinstance(value, str) and _DURATION.fullmatch(value)):
            return None
        return f"{flag} must be a duration such as 300s (was {value})"

    return Check(flag, test)


def feature_gate_on(gate: str) -> Check:
    return Check(
        "--feature-gates",
        lambda flags: (
            f"--feature-gates turns {gate} off" if f"{gate}=false" in _items(flags.get("--feature-gates")) else None
        ),
    )


def _items(value) -> list[str]:
    """The entries of a comma-separated flag value."""
    return [v.strip() for v in value.split(",")] if isinstance(value, str) else []


def _was(flags: dict, flag: str) -> str:
    if flag not in flags:
        return " (not set)"
    return f" (was {flags[flag]})" if isinstance(flags[flag], str) else ""


@dataclass(frozen=True)
class FlagRule:
    component: str
    check: Check
    why: str
    #: Only for Kubernetes versions before this one (flags and plugins that were removed).
    before: tuple[int, int] | None = None
    #: The Checkov check this row reproduces (CKV_K8S_<n>): the only alias of its findings.
    checkov: int = 0


TABLE = (
    FlagRule("kube-apiserver", equals("--anonymous-auth", "false"), "anonymous requests reach the API", checkov=68),
    FlagRule("kube-apiserver", not_set("--basic-auth-file"), "static passwords never expire", checkov=69),
    FlagRule("kube-apiserver", not_set("--token-auth-file"), "static tokens never expire", checkov=70),
    FlagRule("kube-apiserver", not_equals("--kubelet-https", "false"), "kubelet traffic is unencrypted", checkov=71),
    FlagRule("kube-apiserver", is_set("--kubelet-client-certificate", "--kubelet-client-key"),
             "the API server cannot authenticate to kubelets", checkov=72),
    FlagRule("kube-apiserver", is_set("--kubelet-certificate-authority"), "kubelet certificates are not verified", checkov=73),
    FlagRule("kube-apiserver", excludes("--authorization-mode", "AlwaysAllow"), "every request is authorised", checkov=74),
    FlagRule("kube-apiserver", includes("--authorization-mode", "Node"), "kubelets are not limited to their own node's objects", checkov=75),
    FlagRule("kube-apiserver", includes("--authorization-mode", "RBAC"), "RBAC roles are not enforced", checkov=77),
    FlagRule("kube-apiserver", excludes("--enable-admission-plugins", "AlwaysAdmit"), "admission control is bypassed", checkov=79),
    FlagRule("kube-apiserver", includes("--enable-admission-plugins", "AlwaysPullImages"),
             "pods can use images cached by other tenants without credentials", checkov=80),
    FlagRule("kube-apiserver", includes_one_of("--enable-admission-plugins", "PodSecurityPolicy", "SecurityContextDeny"),
             "pod security contexts are not restricted", before=(1, 25), checkov=81),
    # ServiceAccount and NamespaceLifecycle are on by default: only disabling them matters.
    FlagRule("kube-apiserver", excludes("--disable-admission-plugins", "ServiceAccount"),
             "service accounts are not enforced", checkov=82),
    FlagRule("kube-apiserver", excludes("--disable-admission-plugins", "NamespaceLifecycle"),
             "objects can be created in terminating namespaces", checkov=83),
    FlagRule("kube-apiserver", includes("--enable-admission-plugins", "PodSecurityPolicy", when_set=True),
             "PodSecurityPolicies are not enforced", before=(1, 25), checkov=84),
    FlagRule("kube-apiserver", includes("--enable-admission-plugins", "NodeRestriction"),
             "kubelets can modify other nodes' objects", checkov=85),
    FlagRule("kube-apiserver", not_set("--insecure-bind-address"), "the unauthenticated port listens on the network", checkov=86),
    FlagRule("kube-apiserver", equals("--insecure-port", "0"), "the unauthenticated port is open", before=(1, 24), checkov=88),
    FlagRule("kube-apiserver", not_equals("--secure-port", "0"), "the API is served without TLS only", checkov=89),
    FlagRule("kube-apiserver", equals("--profiling", "false"), "profiling endpoints expose internals", checkov=90),
    FlagRule("kube-apiserver", is_set("--audit-log-path"), "API requests are not audited", checkov=91),
    FlagRule("kube-apiserver", at_least("--audit-log-maxage", 30), "audit logs are kept too briefly", checkov=92),
    FlagRule("kube-apiserver", at_least("--audit-log-maxbackup", 10), "too few audit log files are kept", checkov=93),
    FlagRule("kube-apiserver", at_least("--audit-log-maxsize", 100), "audit log files rotate too early", checkov=94),
    FlagRule("kube-apiserver", duration("--request-timeout"), "requests may hang or be cut off", checkov=95),
    FlagRule("kube-apiserver", not_equals("--service-account-lookup", "false"),
             "deleted service accounts' tokens stay valid", checkov=96),
    FlagRule("kube-apiserver", is_set("--service-account-key-file"), "service-account tokens cannot be rotated", checkov=97),
    FlagRule("kube-apiserver", is_set("--etcd-certfile", "--etcd-keyfile"), "etcd traffic is not authenticated", checkov=99),
    FlagRule("kube-apiserver", is_set("--tls-cert-file", "--tls-private-key-file"), "the API is not served over TLS", checkov=100),
    FlagRule("kube-apiserver", is_set("--etcd-cafile"), "etcd's certificate is not verified", checkov=102),
    FlagRule("kube-apiserver", is_set("--encryption-provider-config"), "Secrets are stored unencrypted in etcd", checkov=104),
    FlagRule("kube-apiserver", strong_ciphers(), "weak TLS ciphers are accepted", checkov=105),
    FlagRule("kube-controller-manager", at_least("--terminated-pod-gc-threshold", 1),
             "terminated pods are never garbage-collected", checkov=106),
    FlagRule("kube-controller-manager", equals("--profiling", "false"), "profiling endpoints expose internals", checkov=107),
    FlagRule("kube-controller-manager", equals("--use-service-account-credentials", "true"),
             "controllers share one powerful identity", checkov=108),
    FlagRule("kube-controller-manager", is_set("--service-account-private-key-file"),
             "service-account tokens cannot be signed with a managed key", checkov=110),
    FlagRule("kube-controller-manager", is_set("--root-ca-file"), "pods cannot verify the API server", checkov=111),
    FlagRule("kube-controller-manager", feature_gate_on("RotateKubeletServerCertificate"),
             "kubelet serving certificates are never rotated", checkov=112),
    FlagRule("kube-controller-manager", equals("--bind-address", "127.0.0.1"), "its endpoints listen on the network", checkov=113),
    FlagRule("kube-scheduler", equals("--profiling", "false"), "profiling endpoints expose internals", checkov=114),
    FlagRule("kube-scheduler", equals("--bind-address", "127.0.0.1"), "its endpoints listen on the network", checkov=115),
    FlagRule("etcd", is_set("--cert-file", "--key-file"), "etcd is served without TLS", checkov=116),
    FlagRule("etcd", equals("--client-cert-auth", "true"), "any client can read etcd", checkov=117),
    FlagRule("etcd", not_equals("--auto-tls", "true"), "etcd uses self-signed certificates", checkov=118),
    FlagRule("etcd", is_set("--peer-cert-file", "--peer-key-file"), "etcd peers talk without TLS", checkov=119),
    FlagRule("etcd", equals("--peer-client-cert-auth", "true"), "any host can join the etcd cluster", checkov=121),
    FlagRule("kubelet", equals("--anonymous-auth", "false"), "anonymous requests reach the kubelet", checkov=138),
    FlagRule("kubelet", excludes("--authorization-mode", "AlwaysAllow"), "every kubelet request is authorised", checkov=139),
    FlagRule("kubelet", is_set("--client-ca-file"), "client certificates are not verified", checkov=140),
    FlagRule("kubelet", equals("--read-only-port", "0"), "the unauthenticated read-only port is open", checkov=141),
    FlagRule("kubelet", not_equals("--streaming-connection-idle-timeout", "0"), "exec sessions never time out", checkov=143),
    FlagRule("kubelet", equals("--protect-kernel-defaults", "true"), "pods can change kernel defaults", checkov=144),
    FlagRule("kubelet", not_equals("--make-iptables-util-chains", "false"), "iptables rules drift from pod networking", checkov=145),
    FlagRule("kubelet", not_set("--hostname-override"), "TLS verification between API server and kubelet breaks", checkov=146),
    FlagRule("kubelet", at_most("--event-qps", 5), "events may be dropped", checkov=147),
    FlagRule("kubelet", is_set("--tls-cert-file", "--tls-private-key-file"), "the kubelet is served without TLS", checkov=148),
    FlagRule("kubelet", not_equals("--rotate-certificates", "false"), "kubelet client certificates are never rotated", checkov=149),
    FlagRule("kubelet", strong_ciphers(), "weak TLS ciphers are accepted", checkov=151),
)  # fmt: skip
COMPONENTS = frozenset(r.component for r in TABLE)
#: Checkov's check of an AdmissionConfiguration without the EventRateLimit plugin.
_EVENT_RATE_LIMIT = 78

_POD = """\
apiVersion: v1
kind: Pod
metadata:
  name: kube-scheduler
  namespace: kube-system
spec:
  containers:
    - name: kube-scheduler
      image: registry.k8s.io/kube-scheduler:v1.31.1
      command:
        - kube-scheduler
        - --bind-address=127.0.0.1
        - --profiling=PROFILING
"""


@rule(
    id="K8108",
    name="control-plane-flags",
    severity="warning",
    summary="Control-plane static pod with an insecure flag (CIS Kubernetes Benchmark)",
    rationale=(
        "kubeadm and similar installers run the API server, controller manager, scheduler and "
        "etcd as static pods; their command-line flags decide whether anonymous requests are "
        "accepted, requests are audited, Secrets are encrypted, TLS is verified. Each flag is "
        "checked against the CIS Kubernetes Benchmark and reported at the flag (or the "
        "command, when it is missing). Flags removed from Kubernetes are only checked for "
        "older target versions."
    ),
    tags=("security",),
    aliases=tuple(f"CKV_K8S_{n}" for n in sorted({row.checkov for row in TABLE} | {_EVENT_RATE_LIMIT})),
    examples=(
        Example(
            bad=_POD.replace("PROFILING", "true"), good=_POD.replace("PROFILING", "false"), filename="scheduler.yaml"
        ),
    ),
)
def check(manifest, ctx):
    target = apis.version_tuple(schema.target_version(ctx.settings))
    for container in manifest.containers():
        command = container.node.get("command")
        if not isinstance(command, list):
            continue
        component = next((c for c in (_binary(item) for item in command) if c in COMPONENTS), None)
        if component is None:
            continue
        flags, spans = _flags(container)
        for row in TABLE:
            if row.component != component or (row.before is not None and target >= row.before):
                continue
            problem = row.check.test(flags)
            if problem:
                where = spans.get(row.check.flag) or command.item_span(0)
                yield Problem(where, f"{component}: {problem}: {row.why}", exact_aliases=(f"CKV_K8S_{row.checkov}",))
    for obj in manifest.of_kind("AdmissionConfiguration"):
        plugins = items_of(obj.node.get("plugins"))
        if not any(p.get("name") == "EventRateLimit" for p in plugins):
            yield Problem(
                obj.name_span() if "metadata" in obj.node else obj.node.value_span("kind"),
                f"{obj.label} does not configure the EventRateLimit plugin: the API server can be flooded with events",
                exact_aliases=(f"CKV_K8S_{_EVENT_RATE_LIMIT}",),
            )


def _binary(item) -> str:
    return item.rsplit("/", 1)[-1] if isinstance(item, str) else ""


def _flags(container):
    """``--flag=value`` and ``--flag value`` of command and args: values (True for a bare
    flag) and the span of each flag's item."""
    flags, spans = {}, {}
    for field in ("command", "args"):
        items = container.node.get(field)
        if not isinstance(items, list):
            continue
        for index, item in enumerate(items):
            if not (isinstance(item, str) and item.startswith("--")):
                continue
            name, equals_sign, value = item.partition("=")
            if not equals_sign:
                following = items[index + 1] if index + 1 < len(items) else None
                value = following if isinstance(following, str) and not following.startswith("-") else True
            flags[name] = value
            spans[name] = items.item_span(index)
    return flags, spans
