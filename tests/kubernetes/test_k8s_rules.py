"""Per-file Kubernetes rules: positions, messages, and the cases where they must stay quiet."""

from k8s_support import lint, where

POD = """
    apiVersion: v1
    kind: Pod
    metadata: {name: web}
    spec:
      containers:
        - name: web
          image: IMAGE
"""


def pod(image="nginx:1.27.2", extra=""):
    """The pod above; ``extra`` adds container fields (indented as ``image:`` is)."""
    return POD.replace("IMAGE", image) + extra.lstrip("\n")


def test_image_tag_latest_untagged_and_missing():
    assert where(lint(pod("nginx"), "image-tag-pinned")) == [("image-tag-pinned", 7, 14)]
    latest = lint(pod("nginx:latest"), "image-tag-pinned")
    assert latest[0].message == "container 'web' of Pod/web uses image 'nginx:latest' with the latest tag"
    assert lint(pod("nginx@sha256:" + "a" * 64), "image-tag-pinned") == []
    assert lint(pod("$(IMAGE)"), "image-tag-pinned") == []
    no_image = lint(
        """
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          containers: [{name: web}]
    """,
        "image-tag-pinned",
    )
    assert [f.message for f in no_image] == ["container 'web' of Pod/web has no image (the API server rejects it)"]


def test_probes_are_not_required_of_jobs_and_init_containers():
    job = """
        apiVersion: batch/v1
        kind: Job
        metadata: {name: migrate}
        spec:
          template:
            spec:
              restartPolicy: Never
              containers: [{name: migrate, image: "migrate:1.0.0"}]
    """
    assert lint(job, ["liveness-probe", "readiness-probe"]) == []
    init = """
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          initContainers: [{name: prepare, image: "busybox:1.36"}]
          containers:
            - name: web
              image: nginx:1.27.2
              livenessProbe: {}
              readinessProbe: {httpGet: {path: /ready, port: 80}}
    """
    findings = lint(init, ["liveness-probe", "readiness-probe"])
    assert [(f.line, f.message) for f in findings] == [
        (9, "container 'web' of Pod/web has an empty livenessProbe (a hung process is never restarted)")
    ]


def test_probe_on_an_undeclared_named_port():
    findings = lint(
        pod(
            extra="""
          ports: [{name: http, containerPort: 8080}]
          livenessProbe: {httpGet: {path: /healthz, port: metrics}}
          readinessProbe: {tcpSocket: {port: 9090}}
    """
        ),
        "probe-port-exposed",
    )
    assert [(f.line, f.column, f.message) for f in findings] == [
        (
            9,
            55,
            "livenessProbe of container 'web' of Pod/web uses port name 'metrics', which the container does not declare",
        ),
        (
            10,
            42,
            "readinessProbe of container 'web' of Pod/web probes port 9090, which is not among the container's ports",
        ),
    ]


def test_resources_limit_alone_counts_as_request():
    findings = lint(
        pod(
            extra="""
          resources:
            limits: {cpu: 500m, memory: 256Mi}
    """
        ),
        ["cpu-requests", "memory-requests", "cpu-limits", "memory-limits"],
    )
    assert findings == []
    findings = lint(
        pod(
            extra="""
          resources:
            requests: {cpu: 100m}
    """
        ),
        ["memory-limits", "memory-requests"],
    )
    assert [(f.name, f.line, f.column, f.message) for f in findings] == [
        ("memory-requests", 8, 7, "container 'web' of Pod/web has no memory request"),
        ("memory-limits", 8, 7, "container 'web' of Pod/web has no memory limit"),
    ]


def test_security_context_rules_point_at_the_setting():
    findings = lint(
        pod(
            extra="""
          securityContext:
            privileged: true
            allowPrivilegeEscalation: true
            runAsUser: 0
            readOnlyRootFilesystem: false
            capabilities: {add: [NET_BIND_SERVICE, SYS_ADMIN], drop: [NET_RAW]}
            procMount: Unmasked
    """
        ),
        [
            "no-privileged-container",
            "no-privilege-escalation",
            "run-as-non-root",
            "read-only-root-fs",
            "no-dangerous-capabilities",
            "drop-all-capabilities",
            "no-unmasked-procmount",
        ],
    )
    assert [(f.name, f.line, f.column) for f in findings] == [
        ("no-privileged-container", 9, 21),
        ("no-privilege-escalation", 10, 35),
        ("run-as-non-root", 11, 20),
        ("read-only-root-fs", 12, 33),
        ("no-dangerous-capabilities", 13, 48),
        ("drop-all-capabilities", 13, 60),
        ("no-unmasked-procmount", 14, 20),
    ]
    assert findings[4].message == "container 'web' of Pod/web adds SYS_ADMIN (mount, namespaces, most of root)"


def test_run_as_non_root_from_the_pod_or_a_user_id():
    text = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              securityContext: {runAsNonRoot: true}
              containers:
                - {name: web, image: "nginx:1.27.2"}
                - {name: metrics, image: "exporter:1.2.3", securityContext: {runAsUser: 10001}}
    """
    assert lint(text, "run-as-non-root") == []
    unset = lint(
        text.replace("securityContext: {runAsNonRoot: true}", "hostname: web").replace(
            ", securityContext: {runAsUser: 10001}", ""
        ),
        "run-as-non-root",
    )
    assert [(f.line, f.message) for f in unset] == [
        (
            8,
            "Deployment/web sets neither runAsNonRoot: true nor a non-zero runAsUser, so its containers "
            "('web', 'metrics') run as whatever user their images choose, often root",
        )
    ]


def test_run_as_user_false_is_not_root():
    # YAML false is not the integer 0.
    assert lint(pod(extra="      securityContext: {runAsUser: false, runAsNonRoot: true}\n"), "run-as-non-root") == []


def test_seccomp_from_pod_annotation_and_profiles():
    annotated = """
        apiVersion: v1
        kind: Pod
        metadata:
          name: web
          annotations: {seccomp.security.alpha.kubernetes.io/pod: runtime/default}
        spec:
          containers: [{name: web, image: "nginx:1.27.2"}]
    """
    assert lint(annotated, "seccomp-profile") == []
    localhost = pod(extra="      securityContext: {seccompProfile: {type: Localhost, localhostProfile: web.json}}\n")
    assert lint(localhost, "seccomp-profile") == []
    missing = lint(pod(), "seccomp-profile")
    assert [(f.line, f.message) for f in missing] == [
        (4, "Pod/web sets no seccomp profile (use seccompProfile: {type: RuntimeDefault})")
    ]


def test_host_namespaces_ports_and_paths():
    findings = lint(
        """
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: {name: agent}
        spec:
          selector: {matchLabels: {app: agent}}
          template:
            metadata: {labels: {app: agent}}
            spec:
              hostNetwork: true
              hostPID: true
              volumes:
                - {name: root, hostPath: {path: /}}
                - {name: docker, hostPath: {path: /var/run/docker.sock}}
                - {name: logs, hostPath: {path: /var/log/agent/}}
              containers:
                - name: agent
                  image: agent:1.2.3
                  ports: [{containerPort: 9100, hostPort: 9100}]
                  volumeMounts: [{name: root, mountPath: /host, readOnly: true}]
    """,
        [
            "no-host-network",
            "no-host-pid",
            "no-host-port",
            "no-sensitive-host-mounts",
            "no-docker-socket-mount",
            "no-hostpath-volumes",
        ],
    )
    assert [(f.name, f.line, f.message) for f in findings] == [
        ("no-host-network", 9, "DaemonSet/agent shares the node's network namespace (hostNetwork)"),
        ("no-host-pid", 10, "DaemonSet/agent shares the node's process ID namespace (hostPID)"),
        ("no-sensitive-host-mounts", 12, "DaemonSet/agent mounts host path /, the node's whole filesystem"),
        ("no-docker-socket-mount", 13, "DaemonSet/agent mounts /var/run/docker.sock, the Docker daemon socket"),
        ("no-hostpath-volumes", 14, "DaemonSet/agent mounts host path /var/log/agent"),
        ("no-host-port", 18, "container 'agent' of DaemonSet/agent binds host port 9100"),
    ]


def test_literal_secret_in_env_is_masked():
    findings = lint(
        pod(
            extra="""
          env:
            - {name: DB_PASSWORD, value: hunter2hunter2}
            - {name: DB_PASSWORD_FILE, value: /run/secrets/db}
            - {name: API_TOKEN, valueFrom: {secretKeyRef: {name: api, key: token}}}
    """
        ),
        ["no-hardcoded-secret-env", "prefer-secret-volumes"],
    )
    assert [(f.name, f.line, f.message) for f in findings] == [
        (
            "no-hardcoded-secret-env",
            9,
            "container 'web' of Pod/web sets DB_PASSWORD to a literal secret (hu********); use a secretKeyRef",
        ),
        (
            "prefer-secret-volumes",
            11,
            "container 'web' of Pod/web reads Secret api into environment variable API_TOKEN",
        ),
    ]
    assert "hunter2" not in findings[0].message


def test_duplicate_env_and_container_names():
    findings = lint(
        """
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          initContainers: [{name: web, image: "busybox:1.36"}]
          containers:
            - name: web
              image: nginx:1.27.2
              env: [{name: MODE, value: a}, {name: MODE, value: b}]
    """,
        ["no-duplicate-env", "unique-container-names"],
    )
    assert [(f.name, f.line, f.message) for f in findings] == [
        ("unique-container-names", 7, "Pod/web has two containers named 'web' (first on line 5)"),
        ("no-duplicate-env", 9, "container 'web' of Pod/web sets MODE again (first on line 9); the last value wins"),
    ]


def test_cronjob_concurrency_and_restart_policy():
    findings = lint(
        """
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: nightly}
        spec:
          schedule: "0 3 * * *"
          concurrencyPolicy: Allow
          jobTemplate:
            spec:
              template:
                spec:
                  containers: [{name: run, image: "report:1.2.3"}]
    """,
        ["cronjob-concurrency", "restart-policy"],
    )
    assert [(f.name, f.line, f.column, f.message) for f in findings] == [
        ("cronjob-concurrency", 6, 22, "CronJob/nightly lets runs overlap (concurrencyPolicy: Allow)"),
        (
            "restart-policy",
            10,
            9,
            "CronJob/nightly sets no restartPolicy (must be OnFailure or Never; Always is rejected)",
        ),
    ]


def test_service_types_and_internal_load_balancers():
    service = """
        apiVersion: v1
        kind: Service
        metadata:
          name: web
          ANNOTATIONS
        spec:
          type: TYPE
          selector: {app: web}
          ports: [{port: 80}]
    """
    public = lint(
        service.replace("TYPE", "LoadBalancer").replace("ANNOTATIONS", "labels: {app: web}"), "service-type-policy"
    )
    assert [f.message for f in public] == [
        "Service/web is a LoadBalancer open to any address (no loadBalancerSourceRanges)"
    ]
    internal = service.replace("TYPE", "LoadBalancer").replace(
        "ANNOTATIONS", "annotations: {networking.gke.io/load-balancer-type: Internal}"
    )
    assert lint(internal, "service-type-policy") == []


def test_port_names():
    findings = lint(
        """
        apiVersion: v1
        kind: Service
        metadata: {name: collector}
        spec:
          selector: {app: collector}
          ports:
            - {name: jaeger-collector-http, port: 14268, targetPort: collector-http-port}
            - {name: Metrics, port: 9090}
    """,
        "valid-port-names",
    )
    assert [(f.line, f.message) for f in findings] == [
        (7, "Service/collector: targetPort 'collector-http-port' is longer than 15 characters"),
        (
            8,
            "Service/collector: port name 'Metrics' is not a DNS label (at most 63 lowercase letters, digits and "
            "inner dashes)",
        ),
    ]


def test_rbac_wildcards_and_bindings():
    findings = lint(
        """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: everything}
        rules:
          - apiGroups: ["*"]
            resources: [pods, "*/scale"]
            verbs: [get]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: {name: everyone}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
        subjects:
          - {kind: Group, name: system:authenticated, apiGroup: rbac.authorization.k8s.io}
          - {kind: ServiceAccount, name: default, namespace: shop}
    """,
        ["rbac-no-wildcards", "rbac-cluster-admin-binding", "rbac-dangerous-subjects", "no-default-service-account"],
    )
    assert [(f.name, f.line) for f in findings] == [
        ("rbac-no-wildcards", 5),
        ("rbac-no-wildcards", 6),
        ("rbac-cluster-admin-binding", 12),
        ("rbac-dangerous-subjects", 14),
        ("no-default-service-account", 15),
    ]


def test_control_plane_flags_of_a_static_pod():
    findings = lint(
        """
        apiVersion: v1
        kind: Pod
        metadata: {name: kube-apiserver, namespace: kube-system}
        spec:
          hostNetwork: true
          containers:
            - name: kube-apiserver
              image: registry.k8s.io/kube-apiserver:v1.31.1
              command:
                - kube-apiserver
                - --anonymous-auth=true
                - --authorization-mode=Node,RBAC
                - --profiling=false
                - --audit-log-path=/var/log/audit.log
                - --audit-log-maxage=30
                - --audit-log-maxbackup=10
                - --audit-log-maxsize=100
                - --kubelet-client-certificate=/pki/kc.crt
                - --kubelet-client-key=/pki/kc.key
                - --kubelet-certificate-authority=/pki/ca.crt
                - --service-account-key-file=/pki/sa.pub
                - --etcd-certfile=/pki/etcd.crt
                - --etcd-keyfile=/pki/etcd.key
                - --etcd-cafile=/pki/etcd-ca.crt
                - --tls-cert-file=/pki/api.crt
                - --tls-private-key-file=/pki/api.key
                - --enable-admission-plugins=NodeRestriction,AlwaysAdmit
    """,
        "control-plane-flags",
    )
    assert [(f.line, f.message) for f in findings] == [
        (10, "kube-apiserver: --encryption-provider-config must be set: Secrets are stored unencrypted in etcd"),
        (11, "kube-apiserver: --anonymous-auth must be false (was true): anonymous requests reach the API"),
        (27, "kube-apiserver: --enable-admission-plugins must not include AlwaysAdmit: admission control is bypassed"),
        (
            27,
            "kube-apiserver: --enable-admission-plugins does not include AlwaysPullImages: pods can use images "
            "cached by other tenants without credentials",
        ),
    ]


def test_values_of_the_wrong_type_never_crash_a_rule():
    # Found by swapping value types in corpus manifests: each used to raise in a rule.
    # lint() fails on any internal error; what is wrong here is schema-valid's to say.
    findings = lint(
        {
            "wrong.yaml": """
            apiVersion: v1
            kind: Pod
            metadata: {name: web, labels: {app: web}}
            spec:
              securityContext:
                seccompProfile: {type: {RuntimeDefault: true}}
                seLinuxOptions: {type: [spc_t]}
              containers:
                - name: web
                  image: nginx:1.27.2
                  ports: [{containerPort: [80]}]
                  livenessProbe: {httpGet: {port: {number: 80}}}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: web}
            spec:
              selector: {app: web}
              ports: [{port: 80, targetPort: {http: 1}}]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata: {name: b}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
            subjects: [{kind: Group, name: {system: masters}}]
            ---
            apiVersion: autoscaling/v2
            kind: HorizontalPodAutoscaler
            metadata: {name: web}
            spec: {scaleTargetRef: {kind: {Deployment: 1}, name: web}, maxReplicas: 3}
        """,
        },
        "ALL",
    )
    assert "schema-valid" in {f.name for f in findings}
