"""Schema validation (compiled OpenAPI checks) and deprecated API versions."""

import json
import os

import pytest
from k8s_support import K8S_CORPUS, lint, needs_corpus
from lintkit.rules.kubernetes import apis, schema

from lintkit import yamlmodel
from lintkit.schemastore import kubernetes_schema_dir
from lintkit.source import SourceFile

SEEDS = os.path.join(os.path.dirname(K8S_CORPUS), os.pardir, "examples", "seeds")


@pytest.mark.corpus
def test_misindented_deployment_of_the_course_notes():
    with open(os.path.join(SEEDS, "k8s-intro", "deployment.yaml")) as fh:
        findings = lint({"deployment.yaml": fh.read()}, "schema-valid")
    reported = [(f.line, f.column, f.message) for f in findings]
    assert (
        14,
        1,
        "Deployment/nginx-deployment: (top level): unknown field 'selector' "
        "(it belongs under spec; check the indentation)",
    ) in reported
    assert (
        17,
        1,
        "Deployment/nginx-deployment: (top level): unknown field 'template' "
        "(it belongs under spec; check the indentation)",
    ) in reported
    assert (
        10,
        5,
        "Deployment/nginx-deployment: spec: unknown field 'type' "
        "(it belongs under spec.strategy; check the indentation)",
    ) in reported
    assert (7, 1, "Deployment/nginx-deployment: spec: missing required field 'selector'") in reported
    assert findings[0].span.end_column == 5  # the `spec` key, not the whole block


def test_types_enums_and_typos_are_reported_at_the_field():
    findings = lint(
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          replicas: "3"
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers:
                - name: web
                  image: nginx:1.27
                  imagePullPolcy: Always
                  env: [{name: PORT, value: 8080}]
    """,
        "schema-valid",
    )
    assert [(f.line, f.column, f.message) for f in findings] == [
        (5, 13, 'Deployment/web: spec.replicas: expected integer, got string "3"'),
        (
            13,
            11,
            "Deployment/web: spec.template.spec.containers[0]: unknown field 'imagePullPolcy' "
            "(did you mean 'imagePullPolicy'?)",
        ),
        (14, 37, "Deployment/web: spec.template.spec.containers[0].env[0].value: expected string, got integer 8080"),
    ]


def test_int_or_string_and_quantities_accept_both_forms_and_null():
    findings = lint(
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          selector: {matchLabels: {app: web}}
          strategy: {rollingUpdate: {maxSurge: 1, maxUnavailable: 25%}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers:
                - name: web
                  image: nginx:1.27
                  resources: {limits: {cpu: 0.5, memory: 256Mi}}
                  ports: [{containerPort: 80}]
                  readinessProbe: {httpGet: {port: ~, path: /}}
    """,
        "schema-valid",
    )
    assert findings == []


def test_unknown_kind_of_a_builtin_api_and_custom_resources():
    findings = lint(
        """
        apiVersion: apps/v1
        kind: Deploymnet
        metadata: {name: web}
        ---
        apiVersion: monitoring.coreos.com/v1
        kind: ServiceMonitor
        metadata: {name: web}
        spec: {anything: [goes]}
    """,
        "schema-valid",
    )
    assert [(f.line, f.message) for f in findings] == [
        (2, "apps/v1 has no kind 'Deploymnet' in Kubernetes 1.34 (did you mean Deployment?)")
    ]


def test_the_configured_version_picks_the_schema():
    statefulset = """
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: db}
        spec:
          selector: {matchLabels: {app: db}}
          template:
            metadata: {labels: {app: db}}
            spec: {containers: [{name: db, image: "postgres:17.2"}]}
    """
    # serviceName stopped being required in Kubernetes 1.33.
    old = lint(statefulset, "schema-valid", settings={"kubernetes_version": "1.31"})
    assert [f.message for f in old] == ["StatefulSet/db: spec: missing required field 'serviceName'"]
    assert lint(statefulset, "schema-valid", settings={"kubernetes_version": "1.34"}) == []


def test_patches_and_kustomize_managed_files_may_be_incomplete():
    patch = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          template:
            spec:
              containers:
                - name: web
                  resources:
                    $patch: replace
                    limits: {memory: 512Mi}
    """
    alone = lint({"patch.yaml": patch}, "schema-valid")
    assert [f.message for f in alone] == ["Deployment/web: spec: missing required field 'selector'"]
    managed = lint(
        {"patch.yaml": patch, "kustomization.yaml": "resources: [base]\npatches: [{path: patch.yaml}]\n"},
        "schema-valid",
    )
    assert managed == []


def test_removed_and_deprecated_api_versions():
    text = """
        apiVersion: batch/v1beta1
        kind: CronJob
        metadata: {name: nightly}
        ---
        apiVersion: v1
        kind: Endpoints
        metadata: {name: legacy}
    """
    findings = lint(text, "no-deprecated-api")
    assert [(f.line, f.column, f.message) for f in findings] == [
        (1, 13, "batch/v1beta1 CronJob was removed in Kubernetes 1.25; use batch/v1"),
        (5, 13, "v1 Endpoints is deprecated since Kubernetes 1.33; use discovery.k8s.io/v1 EndpointSlice"),
    ]
    # Before 1.21 batch/v1beta1 was the current CronJob API, and Endpoints were fine until 1.33.
    assert lint(text, "no-deprecated-api", settings={"kubernetes_version": "1.20"}) == []
    # Removed apiVersions are left to no-deprecated-api, not reported again as unknown kinds.
    assert lint(text, "schema-valid") == []


def test_every_api_change_names_a_known_replacement_version():
    for change in apis.CHANGES:
        assert change.removed_in is None or change.removed_in >= change.deprecated_in


def _objects(path):
    with open(path, encoding="utf-8") as fh:
        text = fh.read()
    try:
        documents = yamlmodel.load(SourceFile(path, text))
    except Exception:
        return
    for document in documents:
        root = document.root
        if isinstance(root, dict) and isinstance(root.get("apiVersion"), str) and isinstance(root.get("kind"), str):
            yield root


def _mutations(obj):
    """Variants of a valid object that break it in the ways manifests break."""
    spec = obj.get("spec")
    if isinstance(spec, dict):
        yield {**obj, "spec": {**spec, "bogusField": 1}}
        for key, value in spec.items():
            if isinstance(value, bool):
                yield {**obj, "spec": {**spec, key: "yes"}}
            elif isinstance(value, int):
                yield {**obj, "spec": {**spec, key: str(value)}}
            elif isinstance(value, str):
                yield {**obj, "spec": {**spec, key: 5}}
            elif isinstance(value, dict):
                yield {**obj, "spec": {**spec, key: [value]}}
    yield {**obj, "metadata": {"labels": {"enabled": True}}}


@needs_corpus
def test_compiled_schemas_agree_with_jsonschema_on_the_corpus():
    import jsonschema

    folder = kubernetes_schema_dir(schema.DEFAULT_KUBERNETES_VERSION)
    with open(os.path.join(folder, "_definitions.json")) as fh:
        definitions = json.load(fh)["$defs"]
    catalog = schema.catalog(schema.DEFAULT_KUBERNETES_VERSION)
    validators = {}
    checked = 0
    for root, _dirs, names in os.walk(K8S_CORPUS):
        for name in sorted(names):
            for obj in _objects(os.path.join(root, name)):
                compiled = catalog.schema_for(obj["apiVersion"], obj["kind"])
                if compiled is None:
                    continue
                validator = validators.get(compiled.name)
                if validator is None:
                    validator = validators[compiled.name] = jsonschema.Draft202012Validator(
                        {"$ref": f"#/$defs/{compiled.name}", "$defs": definitions}
                    )
                for variant in [obj, *_mutations(obj)]:
                    errors = [
                        e for e in validator.iter_errors(variant) if not (e.validator == "oneOf" and e.instance is None)
                    ]
                    assert compiled.ok(variant) == (not errors), (obj["kind"], obj.get("metadata"), errors[:1])
                    checked += 1
    assert checked > 5000


def test_custom_resources_against_configured_crd_schemas(tmp_path):
    folder = tmp_path / "crds" / "example.com"
    folder.mkdir(parents=True)
    (folder / "widget_v1.json").write_text(
        json.dumps(
            {
                "type": "object",
                "properties": {
                    "apiVersion": {"type": "string"},
                    "kind": {"type": "string"},
                    "metadata": {"type": "object"},
                    "spec": {
                        "type": "object",
                        "properties": {"size": {"type": "integer", "minimum": 1}},
                        "additionalProperties": False,
                    },
                },
            }
        )
    )
    widget = """
        apiVersion: example.com/v1
        kind: Widget
        metadata: {name: w}
        spec:
          size: 0
          colour: red
    """
    assert lint(widget, "schema-valid") == []  # no schema configured: custom resources are skipped
    findings = lint(widget, "schema-valid", rule_options={"schema-valid": {"crd-schemas": [str(tmp_path / "crds")]}})
    assert sorted((f.line, f.message) for f in findings) == [
        (5, "Widget/w: spec.size: 0 is less than the minimum of 1"),
        (6, "Widget/w: spec.colour: unknown key 'colour'"),
    ]


@pytest.mark.corpus
def test_fields_of_a_nested_block_written_too_shallow():
    with open(os.path.join(SEEDS, "k8s-intro", "deployment.yaml")) as fh:
        findings = lint({"deployment.yaml": fh.read()}, "schema-valid")
    assert [f.message for f in findings if f.line == 12] == [
        "Deployment/nginx-deployment: spec: unknown field 'maxSurge' "
        "(it belongs under spec.strategy.rollingUpdate; check the indentation)"
    ]


def test_api_that_graduated_after_the_target_version():
    findings = lint(
        """
        apiVersion: admissionregistration.k8s.io/v1
        kind: MutatingAdmissionPolicy
        metadata: {name: defaults}
    """,
        "schema-valid",
    )
    assert [f.message for f in findings] == [
        "admissionregistration.k8s.io/v1 MutatingAdmissionPolicy is not served by Kubernetes 1.34 (it is from 1.36); "
        "raise kubernetes-version if the cluster runs that"
    ]
