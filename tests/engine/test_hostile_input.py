"""Input written to break a linter gets positioned findings, never an internal error or
a hang: YAML integers Python cannot hold or print, keys that are not strings, scripts and
expressions nested or chained thousands deep, documents of the wrong shape. (That every
regular expression is linear is tests/engine/test_regex_linear_time.py.)"""

import subprocess
import sys

import pytest

from lintkit.numbers import HUGE, decimal
from lintkit.source import SourceFile
from lintkit.testing import lint_files
from lintkit.yamlmodel import MAX_INT_BITS, load

HEX_3600 = "0x" + "f" * 3600  # 14,400 bits: its decimal form has more than 4,300 digits
DIGITS_5000 = "1" * 5000  # more digits than int() converts


def where(findings, rule=None):
    return [(f.rule, f.span.line, f.span.column) for f in findings if rule is None or f.rule == rule]


# --- YAML integers -------------------------------------------------------------------


@pytest.mark.parametrize("text", ["0b_", "0x_", "-0b_", "+0x__", DIGITS_5000, HEX_3600, "1" + ":1" * 3000, "._"])
def test_integers_pyyaml_cannot_construct_or_python_cannot_print_stay_text(text):
    (document,) = load(SourceFile("t.yaml", f"a: {text}\nb: !!int {text}\n"))
    assert document.root == {"a": text, "b": text}  # a tagged one falls back to its text too


def test_integers_up_to_the_width_limit_are_numbers():
    hexadecimal = "0x" + "f" * (MAX_INT_BITS // 4)
    (document,) = load(SourceFile("t.yaml", f"a: {hexadecimal}\nb: 0x_1f\nc: -0b1_0\nd: 1_000\n"))
    assert document.root == {"a": int(hexadecimal, 16), "b": 31, "c": -2, "d": 1000}


def test_a_huge_integer_costs_the_file_none_of_its_findings():
    compose = f"services:\n  web:\n    image: nginx:1.27\n    user: {HEX_3600}\n    cpus: {DIGITS_5000}\n    mem_limit: 0x_\n"
    findings = lint_files({"docker-compose.yml": compose}, select=["ALL"])  # raises on an internal error
    assert ("DC049", 3, 12) in where(findings)
    manifest = (
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n"
        f"      image: nginx:1.27\n      securityContext:\n        runAsUser: {HEX_3600}\n"
    )
    assert ("K8001", 8, 14) not in where(lint_files({"pod.yaml": manifest}, select=["ALL"]))


def test_digit_strings_of_any_length_are_read_safely():
    assert decimal("0" * 5000) == 0
    assert decimal("9" * 5000) == HUGE
    assert decimal("8080") == 8080
    assert decimal("²") is None and decimal("") is None and decimal("-1") is None
    compose = f'services:\n  web:\n    image: nginx:1.27\n    user: "{"0" * 5000}"\n    ports:\n      - "{"9" * 5000}:80"\n'
    findings = lint_files({"docker-compose.yml": compose}, select=["DC047"])
    assert where(findings) == [("DC047", 4, 11)]


# --- keys that are not strings -------------------------------------------------------

ODD_KEYS = ("true", "1", "~", "1.5", "0x_", "? [a, b]", "? {a: 1}")


def _entry(key: str, indent: int, value: str = "x") -> str:
    pad = " " * indent
    if key.startswith("?"):
        return f"{pad}{key}\n{pad}: {value}\n"
    return f"{pad}{key}: {value}\n"


def test_compose_top_level_keys_of_any_type_are_ranked_by_their_text():
    findings = lint_files({"docker-compose.yml": "true: x\nservices:\n  web:\n    image: nginx:1.27\n"}, select=["DC018"])
    assert where(findings) == [("DC018", 1, 1)]
    assert findings[0].message.startswith("top-level key 'True' is out of order")


@pytest.mark.parametrize("key", ODD_KEYS)
def test_keys_of_every_type_at_every_level_of_every_kind(key):
    k = lambda indent, value="x": _entry(key, indent, value)  # noqa: E731
    files = {
        "docker-compose.yml": k(0) + "services:\n  web:\n    image: nginx:1.27\n" + k(4) + k(2, "{image: y}")
        + "networks:\n" + k(2, "{}"),
        ".gitlab-ci.yml": k(0, "{script: [a]}") + "variables:\n" + k(2) + "job:\n  script: [echo]\n" + k(2)
        + "  rules:\n    - if: $A\n" + k(6),
        ".github/workflows/ci.yml": "on: push\n" + k(0) + "jobs:\n" + k(2, "{runs-on: x, steps: [{run: a}]}")
        + "  a:\n    runs-on: ubuntu-latest\n" + k(4) + "    steps:\n      - run: echo\n" + k(8)
        + "        with:\n" + k(10),
        "pod.yaml": "apiVersion: v1\nkind: Pod\n" + k(0) + "metadata:\n  name: a\n  labels:\n" + k(4)
        + "spec:\n" + k(2) + "  containers:\n    - name: a\n      image: x\n" + k(6),
        "playbooks/site.yml": "- hosts: all\n" + k(2) + "  vars:\n" + k(4)
        + "  tasks:\n    - name: x\n      ansible.builtin.command: echo\n" + k(6),
    }
    findings = lint_files(files, select=["ALL"])  # raises on an internal error in any rule
    assert {f.path for f in findings} >= set(files) - {"playbooks/site.yml"}


# --- depth and length ----------------------------------------------------------------


def test_a_run_of_a_thousand_chained_commands_is_walked_to_its_end():
    dockerfile = "FROM alpine:3.20\nRUN " + "echo a && " * 1000 + "cd /app\n"
    assert where(lint_files({"Dockerfile": dockerfile}, select=["DF012"])) == [("DF012", 2, 5 + 10 * 1000)]


def test_commands_nested_past_the_limit_are_not_walked_and_the_rest_is():
    dockerfile = "FROM alpine:3.20\nRUN cd /app && echo " + "$(" * 400 + "cd /x" + ")" * 400 + "\n"
    assert where(lint_files({"Dockerfile": dockerfile}, select=["DF012"])) == [("DF012", 2, 5)]


def test_an_expression_nested_past_the_limit_is_a_positioned_error():
    condition = "(" * 60 + "github.actor" + ")" * 60
    workflow = f"on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    if: ${{{{ {condition} }}}}\n    steps:\n      - run: echo\n"
    findings = [f for f in lint_files({".github/workflows/ci.yml": workflow}, select=["GH020"])]
    assert where(findings) == [("GH020", 5, 13 + 50)]
    assert findings[0].message == "invalid expression: expression nested more than 50 levels deep"


def test_a_long_chain_of_negations_is_read_without_recursion():
    from lintkit.expressions import Not, parse

    node = parse("!" * 5000 + "github.actor")
    for _ in range(5000):
        assert isinstance(node, Not)
        node = node.operand


def test_yaml_nested_past_libyaml_limit_is_a_positioned_parse_error():
    findings = lint_files({"pod.yaml": "a: " + "[" * 2000 + "]" * 2000 + "\n"}, select=["LK001"])
    assert where(findings) == [("LK001", 1, 1003)]
    assert "exceeded maximum nesting depth" in findings[0].message


def test_twenty_thousand_commands_lint_without_error_or_hang(tmp_path):
    (tmp_path / "Dockerfile").write_text("FROM alpine:3.20\nRUN " + " && ".join(["echo a"] * 20_000) + " && cd /x\n")
    result = subprocess.run(
        [sys.executable, "-m", "lintkit", "check", "--isolated", "--select", "DF012", "--format", "json", str(tmp_path)],
        capture_output=True, text=True, timeout=120, cwd=tmp_path,  # not the checkout: its lintkit/ would shadow the installed one
    )
    assert "internal error" not in result.stderr
    assert result.returncode == 1 and '"DF012"' in result.stdout


# --- documents of the wrong shape ----------------------------------------------------


def test_a_playbook_written_as_one_mapping_is_a_positioned_error():
    findings = lint_files({"playbooks/site.yml": "hosts: all\ntasks: not-a-list\n"}, select=["ALL"])
    assert where(findings) == [("LK001", 1, 1)]
    assert findings[0].message.startswith("a playbook is a list of plays, and this is a mapping")


def test_kubernetes_objects_written_as_a_list_are_a_positioned_error():
    findings = lint_files({"pod.yaml": "- apiVersion: v1\n  kind: Pod\n  metadata: {name: a}\n"}, select=["ALL"])
    assert where(findings) == [("LK001", 1, 1)]
    assert "one object, and this is a list" in findings[0].message


@pytest.mark.parametrize("text", ["just a string\n", "[1, 2]\n", "42\n"])
def test_a_compose_file_that_is_not_a_mapping_is_a_positioned_error(text):
    assert where(lint_files({"docker-compose.yml": text}, select=["DC003"])) == [("DC003", 1, 1)]


# --- the linear rewrites say what the patterns they replace said ---------------------


def test_url_userinfo_finds_the_password_of_the_first_url_that_has_one():
    from lintkit.secrets import url_userinfo

    match = url_userinfo("x=1 redis://:s3cret@cache:6379 postgres://app:pw@db")
    assert (match.group(1), match.group(2), match.start(2)) == ("", "s3cret", 13)
    assert url_userinfo("1http://u:p@h").group(2) == "p"  # the scheme starts at its letter
    assert url_userinfo("9://u:p@h") is None and url_userinfo("http://host/a:b@c") is None


def test_jinja_blocks_are_found_left_to_right_to_the_nearest_close():
    from lintkit.parsers.ansible import jinja_blocks, strip_jinja

    assert list(jinja_blocks("{{ a }} {% if %}{# c #}{{ x")) == [(0, 7), (8, 16), (16, 23)]
    assert list(jinja_blocks("{{" * 1000 + "{% x %}")) == [(2000, 2007)]
    assert strip_jinja("echo {{ a | b }} | grep {# x #}") == "echo JINJA | grep JINJA"


def test_a_dockerfile_escape_directive_value_is_the_rest_of_the_line_stripped():
    findings = lint_files({"Dockerfile": "# escape=`   \nFROM alpine:3.20\nRUN cd /a `\n && echo\n"}, select=["DF012"])
    assert where(findings) == [("DF012", 3, 5)]


def test_schema_patterns_replaced_by_linear_ones_match_the_same_values():
    import re

    from lintkit.schemastore import schema_regex

    uses = r"^(.+\/)+(.+)\.(ya?ml)(@.+)?$"
    for value in ("o/r/.github/workflows/w.yml@v1", "./.github/workflows/w.yaml", "a/b.yml\n", "a/b.yml\nx",
                  "/b.yml", "ab.yml", "a/.yml", "a/b.yml@", "a/b.yaml@x@y"):
        assert bool(schema_regex(uses).search(value)) == bool(re.search(uses, value)), value


@pytest.mark.parametrize(
    "name, text, message",
    [
        (".github/workflows/ci.yml", "- on: push\n- jobs: {}\n", "a workflow is a mapping of top-level keys (on:, jobs:), and this is a list"),
        (".github/workflows/ci.yml", "push\n", "a workflow is a mapping of top-level keys (on:, jobs:), and this is a scalar"),
        (".gitlab-ci.yml", "- job:\n    script: [a]\n", "a pipeline is a mapping of jobs and top-level keywords, and this is a list"),
    ],
)
def test_a_ci_file_that_is_not_a_mapping_is_a_positioned_error(name, text, message):
    findings = lint_files({name: text}, select=["ALL"])
    assert where(findings) == [("LK001", 1, 1)] and findings[0].message == message
