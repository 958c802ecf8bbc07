"""Crash classes the mutation campaign (scripts/fuzz_mutants.py) found, each with a small
input: the file gets findings, never an internal error."""

from __future__ import annotations

from lintkit.testing import lint_files


def test_yaml_nested_past_the_depth_limit_is_a_positioned_parse_error():
    # Recursive walks (GitLab's !reference relocation, schema checks) ran out of stack
    # on 150 nested flow sequences.
    text = "test:\n  script: " + "[" * 150 + "x" + "]" * 150 + "\n"
    findings = lint_files({".gitlab-ci.yml": text}, select=["ALL"])
    assert [(f.rule, f.line, f.column, f.message) for f in findings] == [
        ("LK001", 2, 109, "YAML nested more than 100 levels deep; not linted"),  # the 101st level
    ]


def test_yaml_as_deep_as_real_files_still_lints():
    text = "services:\n  web:\n    image: nginx:1.27\n    labels: " + "[" * 60 + "]" * 60 + "\n"
    findings = lint_files({"docker-compose.yml": text}, select=["ALL"])
    assert "LK001" not in {f.rule for f in findings}


def test_an_ingress_backend_port_with_neither_number_nor_name():
    text = (
        "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\nspec:\n  rules:\n"
        "    - http:\n        paths:\n          - path: /\n            pathType: Prefix\n            backend:\n"
        "              service:\n                name: web\n                port:\n                  numbr: 80\n"
    )
    # The Kubernetes inventory asked for the position of a `name:` the port did not have.
    findings = lint_files({"ingress.yaml": text}, select=["ALL"])
    assert [(f.rule, f.line, f.column) for f in findings if f.line >= 12] == [("K8084", 15, 19)]
