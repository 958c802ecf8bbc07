"""One image-reference grammar and one judgement of floating tags, for every kind."""

import pytest

from lintkit.images import parse_image, reference_error
from lintkit.testing import lint_files

HEX = "0123456789abcdef" * 4


@pytest.mark.parametrize(
    "text, error",
    [
        (f"alpine:sha256:{HEX}", "a digest follows '@', not ':' (alpine@sha256:0123456789ab...)"),
        ("Alpine:3.20", "repository names are lowercase (Alpine)"),
        ("ghcr.io/Org/app:1.2", "repository names are lowercase (Org/app)"),
        ("alpine:", "the tag after ':' is empty"),
        ("", "the image is empty"),
        ("alpine@sha256:xyz", "'sha256:xyz' is not a digest (algorithm:hex)"),
        ("bad_host_/x", "'bad_host_/x' is not a valid repository name"),
        ("alpine:3.20", None),
        (f"registry.example.com:5000/team/app:1.2@sha256:{HEX}", None),
        ("localhost/app", None),
        ("GHCR.IO/org/app:1", None),  # a registry host is case-insensitive
        ("gcr.io/distroless/static-debian12:nonroot", None),
    ],
)
def test_reference_grammar(text, error):
    assert reference_error(text) == error


@pytest.mark.parametrize(
    "text, problem",
    [
        ("node", "no tag (so latest)"),
        ("node:latest", "the latest tag"),
        ("node:lts", "the floating tag 'lts'"),
        ("debian:stable", "the floating tag 'stable'"),
        ("node:20", "only a major version (20)"),
        ("python:3-slim", "only a major version (3-slim)"),
        ("node:20.11.1", None),
        ("node:20.11-alpine", None),
        ("ubuntu:20240101", None),  # a dated build is fixed
        (f"node@sha256:{HEX}", None),
    ],
)
def test_floating_tags(text, problem):
    assert parse_image(text).pinning_problem == problem


FILES = {
    "Dockerfile": "FROM {image}\n",
    "docker-compose.yml": "services:\n  app:\n    image: '{image}'\n",
    "pod.yaml": "apiVersion: v1\nkind: Pod\nmetadata: {{name: p}}\nspec:\n  containers:\n    - name: app\n      image: '{image}'\n",
    ".gitlab-ci.yml": "job:\n  image: '{image}'\n  script: [make]\n",
    ".github/workflows/ci.yml": "on: push\npermissions: {{}}\njobs:\n  job:\n    runs-on: ubuntu-24.04\n    container: '{image}'\n    steps:\n      - run: make\n",
}
VALIDITY = ["instruction-syntax", "valid-compose-file", "schema-valid", "gitlab-schema", "workflow-schema"]
PINNING = ["pin-base-image-tag", "image-explicit-tag", "image-tag-pinned", "pin-images", "pin-container-images"]


@pytest.mark.parametrize("image", [f"node:sha256:{HEX}", "Node:20.11.1", "node:"])
def test_an_invalid_reference_is_an_error_in_every_kind(image):
    files = {name: text.format(image=image) for name, text in FILES.items()}
    findings = lint_files(files, select=VALIDITY + PINNING)
    assert sorted((f.path, f.name, f.severity.value) for f in findings) == sorted(
        (path, rule, "error") for path, rule in zip(FILES, VALIDITY)
    )
    assert all("is not a valid image reference" in f.message for f in findings)


@pytest.mark.parametrize("image, hadolint", [("node:lts", ()), ("node:20", ()), ("node:latest", ("DL3007",))])
def test_floating_tags_are_judged_the_same_in_every_kind(image, hadolint):
    files = {name: text.format(image=image) for name, text in FILES.items()}
    findings = lint_files(files, select=PINNING)
    assert sorted((f.path, f.name) for f in findings) == sorted(zip(FILES, PINNING))
    (dockerfile,) = [f for f in findings if f.path == "Dockerfile"]
    assert tuple(a for a in dockerfile.aliases if a.startswith("DL")) == hadolint


def test_templates_and_quoted_images_are_not_invalid_references():
    """Placeholders something else fills in (`{IMAGE}`, `<your-image>`) and a FROM image in
    shell quotes, which BuildKit unquotes."""
    pod = FILES["pod.yaml"]
    files = {
        "a.yaml": pod.format(image="{IMAGE}"),
        "b.yaml": pod.format(image="<your-image>"),
        "Dockerfile": 'FROM "gcr.io/distroless/static-debian12:nonroot"\n',
    }
    assert lint_files(files, select=VALIDITY) == []
