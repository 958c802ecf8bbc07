"""One allow-list of registries (config `allowed-registries`) for the images of every kind."""

import textwrap

import pytest

from lintkit.registries import is_allowed
from lintkit.testing import lint_files

FILES = {
    "Dockerfile": "FROM quay.io/acme/app:1.0\nFROM registry.acme.internal/base:1\n",
    "docker-compose.yml": "services:\n  web:\n    image: quay.io/acme/web:2\n  db:\n    image: postgres:16\n",
    "pod.yaml": textwrap.dedent("""\
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          containers:
            - {name: web, image: ghcr.io/acme/web:1}
        """),
    ".gitlab-ci.yml": "test:\n  image: quay.io/acme/python:3.12\n  script: [pytest]\n",
    ".github/workflows/ci.yml": "on: push\njobs:\n  t:\n    runs-on: ubuntu-24.04\n    container: quay.io/acme/node:22\n    steps:\n      - run: make\n",
}
SELECT = ["DF075", "DC057", "K8111", "GL030", "GH049"]


def test_one_setting_applies_to_every_kind():
    findings = lint_files(FILES, select=SELECT, settings={"allowed_registries": ["registry.acme.internal", "docker.io"]})
    got = sorted((f.path, f.line, f.column, f.rule) for f in findings)
    assert got == [
        (".github/workflows/ci.yml", 5, 16, "GH049"),
        (".gitlab-ci.yml", 2, 10, "GL030"),
        ("Dockerfile", 1, 6, "DF075"),
        ("docker-compose.yml", 3, 12, "DC057"),
        ("pod.yaml", 6, 26, "K8111"),
    ]
    dockerfile = next(f for f in findings if f.rule == "DF075")
    assert dockerfile.message == "FROM of stage 1 pulls quay.io/acme/app:1.0 from quay.io, which is not an allowed registry"
    # The finding is on the registry's own characters.
    assert (dockerfile.span.column, dockerfile.span.end_column) == (6, 13)


def test_nothing_is_reported_until_a_list_is_configured():
    assert lint_files(FILES, select=SELECT) == []


def test_a_rule_option_overrides_the_config():
    findings = lint_files(FILES, select=["DC057"], settings={"allowed_registries": ["docker.io"]},
                          rule_options={"DC057": {"registries": ["quay.io"]}})
    assert [f.line for f in findings] == [5]  # postgres:16 is on Docker Hub, not quay.io


@pytest.mark.parametrize(
    ("registry", "repository", "allowed", "verdict"),
    [
        ("docker.io", "library/postgres", ["docker.io"], True),
        ("docker.io", "library/postgres", ["hub.docker.com"], True),
        ("ghcr.io", "acme/web", ["ghcr.io/acme"], True),
        ("ghcr.io", "evil/web", ["ghcr.io/acme"], False),
        ("ghcr.io.evil.com", "acme/web", ["ghcr.io"], False),
        ("registry:5000", "app", ["registry:5000"], True),
        ("Quay.IO", "Acme/App", ["quay.io"], True),
    ],
)
def test_allow_list_entries(registry, repository, allowed, verdict):
    assert is_allowed(registry, repository, allowed) is verdict
