"""The Kubernetes view: objects, pod specs, containers, inherited security settings,
kustomizations, Helm templates, suppression scopes and other tools' annotations."""

import os

from k8s_support import lint, manifest, where
from lintkit import project
from lintkit.parsers.kubernetes import kustomize_role


def test_objects_of_every_document_and_list_items():
    view = manifest("""
        apiVersion: v1
        kind: List
        items:
          - {apiVersion: v1, kind: ConfigMap, metadata: {name: a}}
          - {apiVersion: v1, kind: Secret, metadata: {name: b}}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: c, namespace: shop}
        ---
        just: a mapping
    """)
    assert [(o.kind, o.name, o.document) for o in view.objects] == [
        ("ConfigMap", "a", 0),
        ("Secret", "b", 0),
        ("Service", "c", 1),
    ]
    assert view.objects[2].namespace == "shop"
    assert view.objects[2].label == "Service/c"


def test_pod_spec_of_each_workload_kind():
    view = manifest("""
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: nightly}
        spec:
          schedule: "0 3 * * *"
          jobTemplate:
            spec:
              template:
                metadata: {labels: {app: nightly}}
                spec:
                  initContainers: [{name: prepare, image: "busybox:1.36"}]
                  containers: [{name: run, image: "report:1.2"}]
        ---
        apiVersion: argoproj.io/v1alpha1
        kind: Rollout
        metadata: {name: web}
        spec:
          template:
            spec:
              containers: [{name: web, image: "nginx:1.27"}]
        ---
        apiVersion: example.com/v1
        kind: Widget
        metadata: {name: w}
        spec: {template: {spec: {replicas: 2}}}
    """)
    cronjob, rollout, widget = view.objects
    assert cronjob.pod.labels == {"app": "nightly"}
    assert [(c.name, c.list_name) for c in cronjob.pod.containers] == [
        ("prepare", "initContainers"),
        ("run", "containers"),
    ]
    assert [c.name for c in cronjob.pod.app_containers()] == ["run"]
    assert cronjob.pod.is_batch
    assert rollout.pod is not None and rollout.pod.containers[0].label == "container 'web' of Rollout/web"
    assert widget.pod is None  # a custom resource without containers is not a workload
    assert cronjob.pod.containers[0].label == "init container 'prepare' of CronJob/nightly"


def test_container_security_settings_fall_back_to_the_pod():
    view = manifest("""
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          securityContext: {runAsUser: 10001, runAsNonRoot: true}
          containers:
            - name: web
              image: nginx:1.27
              securityContext: {runAsUser: 0, privileged: false}
            - name: sidecar
              image: envoy:1.31
    """)
    web, sidecar = view.containers()
    assert web.security_setting("runAsUser")[0] == 0
    assert sidecar.security_setting("runAsUser")[0] == 10001
    assert sidecar.security_setting("runAsNonRoot")[0] is True
    # privileged is a container-only field: the pod cannot set it for its containers
    assert sidecar.security_setting("privileged") is None


def test_windows_pods_are_recognised():
    view = manifest("""
        apiVersion: v1
        kind: Pod
        metadata: {name: iis}
        spec:
          nodeSelector: {kubernetes.io/os: windows}
          containers: [{name: iis, image: "mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022"}]
    """)
    assert view.objects[0].pod.is_windows


def test_kustomization_is_recognised_by_name_not_as_an_object():
    findings = lint(
        {
            "overlay/kustomization.yaml": """
            resources: [deployment.yaml]
            bases: [../base]
        """
        },
        "kustomize-deprecated-fields",
    )
    assert where(findings) == [("kustomize-deprecated-fields", 2, 1)]
    view = manifest(
        "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [a.yaml]\n",
        path="kustomization.yaml",
    )
    assert view.kustomization is not None and view.objects == []


def test_files_listed_by_a_kustomization_know_their_role(tmp_path, monkeypatch):
    monkeypatch.setattr(project, "_current", project.Project(os.path.realpath(tmp_path)))
    (tmp_path / "kustomization.yaml").write_text("resources:\n  - deployment.yaml\npatches:\n  - path: patch.yaml\n")
    assert kustomize_role(str(tmp_path / "deployment.yaml")) == "resource"
    assert kustomize_role(str(tmp_path / "patch.yaml")) == "patch"
    assert kustomize_role(str(tmp_path / "other.yaml")) is None


def test_helm_templates_that_load_as_yaml_are_reported_once():
    template = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: "{{ .Release.Name }}-web"
        spec:
          replicas: "{{ .Values.replicas }}"
          template:
            spec:
              containers:
                - name: web
                  image: "{{ .Values.image }}"
    """
    findings = lint({"chart/templates/deployment.yaml": template}, "ALL")
    assert where(findings) == [("helm-template", 4, 10)]
    assert "helm template" in findings[0].message


def test_template_braces_outside_templates_folders_are_values():
    # Prometheus alert annotations use Go templates inside strings: not a Helm chart.
    view = manifest("""
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: alerts}
        data:
          summary: "{{ $labels.instance }} is down"
    """)
    assert view.template_span is None and len(view.objects) == 1


def test_template_expression_loaded_as_a_mapping_key_marks_a_template():
    view = manifest("""
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: {{ .Values.name }}
    """)
    assert view.template_span is not None and view.objects == []


def test_suppression_comment_above_a_container_covers_the_container():
    findings = lint(
        """
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          containers:
            # lintkit: ignore=liveness-probe -- the sidecar restarts itself
            - name: sidecar
              image: envoy:1.31.2
            - name: web
              image: nginx:1.27.2
    """,
        "liveness-probe",
    )
    assert [f.message for f in findings] == [
        "container 'web' of Pod/web has no livenessProbe (a hung process is never restarted)"
    ]


def test_other_tools_annotations_suppress_their_checks():
    findings = lint(
        """
        apiVersion: v1
        kind: Pod
        metadata:
          name: web
          annotations:
            ignore-check.kube-linter.io/no-liveness-probe: "probed by the mesh"
            checkov.io/skip1: CKV_K8S_9=probed by the mesh
            polaris.fairwinds.com/runAsPrivileged-exempt: "true"
            kube-score/ignore: container-image-tag
        spec:
          containers:
            - name: web
              image: nginx:latest
              securityContext: {privileged: true}
    """,
        ["liveness-probe", "readiness-probe", "no-privileged-container", "image-tag-pinned"],
    )
    assert findings == []


def test_a_tools_ignore_everything_annotation_silences_only_that_tools_checks():
    pod = """
        apiVersion: v1
        kind: Pod
        metadata:
          name: web
          annotations:
            %s: "true"
        spec:
          containers:
            - name: web
              image: nginx:latest
    """
    rules = ["liveness-probe", "seccomp-profile"]  # the second has no kube-linter alias
    assert [f.name for f in lint(pod % "kube-linter.io/ignore-all", rules)] == ["seccomp-profile"]
    assert [f.name for f in lint(pod % "polaris.fairwinds.com/exempt", rules)] == ["seccomp-profile"]


def test_checkov_skip_comment_covers_the_whole_object():
    findings = lint(
        """
        apiVersion: v1
        kind: Pod
        metadata:
          name: web  # checkov:skip=CKV_K8S_14: pinned by the release process
        spec:
          containers:
            - {name: web, image: "nginx:latest"}
    """,
        "image-tag-pinned",
    )
    assert findings == []
