"""Regression tests on real files of the compose corpus (read in place, never copied).

Each test pins a false positive or a miss found while comparing with dclint and
compose-lint. Skipped when ../shared/corpus is not beside the repository.
"""

import os

import pytest

from lintkit.discover import discover
from lintkit.engine import RunOptions, run
from lintkit.registry import Selection

CORPUS = os.path.normpath(
    os.path.join(os.path.dirname(__file__), os.pardir, os.pardir, os.pardir, "shared", "corpus", "compose")
)
pytestmark = pytest.mark.corpus


def lint(relative_paths, select):
    paths = [os.path.join(CORPUS, p) for p in relative_paths]
    result = run(discover(paths).targets, RunOptions(selection=Selection(select, []), jobs=1))
    assert not result.errors, result.errors
    return [(os.path.relpath(f.path, CORPUS), f.line, f.name, f.message) for f in result.findings]


def test_whole_corpus_lints_without_internal_errors_and_schema_flags_only_real_errors():
    result = run(discover([CORPUS]).targets, RunOptions(selection=Selection(["ALL"], []), jobs=1))
    assert not result.errors, result.errors
    schema = sorted(
        os.path.relpath(f.path, CORPUS) for f in result.findings if f.name in ("valid-compose-file", "legacy-v1-format")
    )
    assert schema == [
        "docker__compose/pkg/e2e/fixtures/wrong-composefile/compose.yaml",
        "open-telemetry__opentelemetry-demo/compose.extras.yaml",  # comments only
    ]


def test_port_bound_to_a_defaulted_wildcard_variable():
    # `${KONG_INBOUND_PROXY_LISTEN:-0.0.0.0}:8000:8000/tcp` listens everywhere unless set.
    found = lint(["Kong__docker-kong/compose/docker-compose.yml"], ["bind-ports-to-interface"])
    assert [line for _p, line, _n, _m in found] == [76, 77, 83, 84, 85]


def test_settings_about_auth_are_not_secrets():
    found = lint(["temporalio__docker-compose/docker-compose-multirole.yaml"], ["no-plaintext-secrets-env"])
    assert not [m for _p, _l, _n, m in found if "GF_AUTH_ANONYMOUS_ORG_ROLE" in m]


def test_overlay_files_of_the_folder_define_the_services_they_depend_on():
    # compose.agent.yaml is used as `-f compose.yaml -f compose.agent.yaml`.
    found = lint(
        ["open-telemetry__opentelemetry-demo/compose.agent.yaml", "open-telemetry__opentelemetry-demo/compose.tests.yaml"],
        ["depends-on-defined", "undefined-top-level-refs"],
    )
    assert found == []


def test_volume_declared_in_one_file_and_used_by_its_sibling_is_used():
    found = lint(["netbox-community__netbox-docker/docker-compose.test.yml"], ["unused-top-level-declarations"])
    assert found == []


def test_keys_brought_in_by_a_merge_key_are_not_out_of_order_here():
    # netbox-worker is `<<: *netbox` plus its own keys; the merged keys are written at the anchor.
    found = lint(["netbox-community__netbox-docker/docker-compose.yml"], ["service-keys-order"])
    assert not [m for _p, _l, _n, m in found if "'netbox-worker'" in m and "'image'" in m]


def test_image_from_a_default_is_judged_by_the_default():
    found = lint(["Kong__docker-kong/compose/docker-compose.yml"], ["image-explicit-tag"])
    assert {m.split(" uses image ")[1].split(" with")[0] for _p, _l, _n, m in found} == {
        "${KONG_DOCKER_TAG:-kong:latest} (= kong:latest)"
    }
