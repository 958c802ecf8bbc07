"""Regressions from the real-world corpus (read in place; skipped when it is absent): each
test pins a false alarm that was fixed, or a real problem that must stay reported."""

import os

import pytest
from k8s_support import HELM_CORPUS, K8S_CORPUS, lint_corpus, needs_corpus

pytestmark = needs_corpus


def test_whole_corpus_lints_without_internal_errors():
    from lintkit.discover import discover
    from lintkit.engine import RunOptions, run
    from lintkit.registry import Selection

    result = run(discover([K8S_CORPUS]).targets, RunOptions(selection=Selection(["ALL"], []), jobs=1))
    assert not result.errors, result.errors[:3]
    assert result.files["kubernetes"] >= 870


@pytest.mark.corpus
def test_each_helm_template_is_reported_once_with_a_hint():
    from lintkit.discover import discover
    from lintkit.engine import RunOptions, run
    from lintkit.registry import Selection

    targets = discover([HELM_CORPUS], forced_kind="kubernetes").targets
    result = run(targets, RunOptions(selection=Selection(["ALL"], []), jobs=1))
    assert not result.errors
    by_path = {}
    for finding in result.findings:
        by_path.setdefault(finding.path, []).append(finding)
    assert len(by_path) == len(targets) == 190
    for path, findings in by_path.items():
        assert len(findings) == 1, (path, [f.message for f in findings])
        assert "helm template" in findings[0].message


def test_container_port_declared_twice_for_tls_termination_is_accepted():
    # ingress-nginx maps both http and https to container port 80 behind an NLB: valid.
    findings = lint_corpus(
        ["kubernetes__ingress-nginx/deploy/static/provider/aws/nlb-with-tls-termination/deploy.yaml"],
        "valid-port-names",
    )
    assert findings == []


def test_service_port_names_are_dns_labels_not_service_names():
    # Service port names may be 63 characters long; only container ports are limited to 15.
    assert lint_corpus(["istio__istio/samples/addons/jaeger.yaml"], "valid-port-names") == []


def test_built_in_role_bound_by_metrics_server():
    assert lint_corpus(["kubernetes-sigs__metrics-server/manifests/base/rbac.yaml"], "rbac-role-exists") == []


def test_empty_service_account_name_is_not_a_reference():
    assert lint_corpus(["istio__istio/samples/ratelimit/rate-limit-service.yaml"], "service-account-exists") == []


def test_test_fixture_folders_may_repeat_object_names():
    folder = "argoproj__argo-cd/resource_customizations/batch/CronJob/testdata"
    names = sorted(os.listdir(os.path.join(K8S_CORPUS, folder)))
    assert lint_corpus([f"{folder}/{name}" for name in names], "duplicate-objects") == []


def test_statefulset_claim_templates():
    findings = lint_corpus(
        ["kubernetes__examples/_archived/cockroachdb/cockroachdb-statefulset.yaml"], "volume-ref-exists"
    )
    assert findings == []


def test_real_problems_stay_reported():
    vouch = lint_corpus(
        ["kubernetes__ingress-nginx/docs/examples/auth/oauth-external-auth/vouch-proxy.yaml"], "schema-valid"
    )
    assert [(f.line, f.message) for f in vouch] == [
        (21, "Deployment/vouch-proxy: spec.template.spec.containers[0].env[0].value: expected string, got boolean true")
    ]
    scaleio = lint_corpus(["kubernetes__examples/_archived/volumes/scaleio/pod.yaml"], "schema-valid")
    assert any("'protectionDoamin' (did you mean 'protectionDomain'?)" in f.message for f in scaleio)
