"""Fixes: every fixable rule's bad example is fixed by the fix machinery (the text
re-parses, the finding is gone, no other finding appears, a second pass changes nothing),
plus the mechanics of applying edits and the CLI options (--fix, --unsafe-fixes, --diff)."""

from __future__ import annotations

from collections import Counter

import pytest
from click.testing import CliRunner

from lintkit.cli import main
from lintkit.model import Edit, Fix, Span
from lintkit.registry import all_rules
from lintkit.testing import DEFAULT_FILENAMES, fix_files as run_fix

FIXABLE = [r for r in all_rules() if r.fix]


def _cases():
    for rule in FIXABLE:
        for index, example in enumerate(rule.examples):
            yield pytest.param(rule, example, id=f"{rule.id}-{rule.name}-{index}")


@pytest.mark.parametrize("rule, example", list(_cases()))
def test_fix_of_bad_example(rule, example):
    filename = example.filename or DEFAULT_FILENAMES[rule.kind]
    files = {**dict(example.files), filename: example.bad}
    options = {rule.id: dict(example.options)} if example.options else None
    before, after, fixed, again = run_fix(files, rule_options=options)
    assert any(f.rule == rule.id for f in before)
    if not any(f.fix for f in before if f.rule == rule.id):
        return  # an example the rule offers no fix for (another of its examples has one)
    assert filename in fixed, f"{rule.id}: no fix applied to its bad example"
    assert not any(f.rule == rule.id for f in after), f"{rule.id} still fires on:\n{fixed[filename]}"
    counts_before, counts_after = Counter(f.rule for f in before), Counter(f.rule for f in after)
    appeared = {r: n for r, n in counts_after.items() if n > counts_before[r]}
    assert not appeared, f"{rule.id}'s fix made new findings {appeared} in:\n{fixed[filename]}"
    assert "LK001" not in counts_after
    assert not again, f"{rule.id}: a second --fix changed {again}"


@pytest.mark.parametrize("rule", FIXABLE, ids=[r.id for r in FIXABLE])
def test_every_fixable_rule_fixes_one_of_its_examples(rule):
    from lintkit.testing import lint_example

    assert any(f.fix for e in rule.examples for f in lint_example(rule, e, "bad")), f"{rule.id}: no example has a fix"


def test_at_least_forty_rules_over_all_six_kinds_have_fixes():
    assert len(FIXABLE) >= 40
    assert {r.kind for r in FIXABLE} == {"dockerfile", "compose", "kubernetes", "ansible", "gitlab-ci", "github-actions"}


# -- applying edits ---------------------------------------------------------------------


def test_overlapping_fixes_wait_for_the_next_pass():
    from lintkit.fixes import apply_fixes

    text = "abcdef\n"
    first = Fix("x", (Edit(Span(1, 2, 1, 4), "X"),))
    overlapping = Fix("y", (Edit(Span(1, 3, 1, 5), "Y"),))
    elsewhere = Fix("z", (Edit(Span(1, 6, 1, 7), "Z"),))
    fixed, applied = apply_fixes(text, [overlapping, elsewhere, first])
    assert (fixed, applied) == ("aXdeZ\n", 2)


def test_two_insertions_at_one_point_are_applied_one_per_pass():
    from lintkit.fixes import apply_fixes

    a = Fix("a", (Edit(Span(1, 2, 1, 2), "A"),))
    b = Fix("b", (Edit(Span(1, 2, 1, 2), "B"),))
    assert apply_fixes("xy", [a, b]) == ("xAy", 1)


def test_identical_fixes_of_two_findings_apply_once():
    from lintkit.fixes import apply_fixes

    fix = Fix("a", (Edit(Span(1, 1, 1, 2), "Z"),))
    assert apply_fixes("xy", [fix, fix]) == ("Zy", 1)


def test_two_apt_options_at_one_place_take_two_passes():
    before, after, fixed, again = run_fix(
        {"Dockerfile": "FROM debian:12\nRUN apt-get install curl=7.88.1-10\n"}, select=["DF006", "DF007"]
    )
    assert fixed["Dockerfile"] == "FROM debian:12\nRUN apt-get install -y --no-install-recommends curl=7.88.1-10\n"
    assert not after and not again


# -- the command line -------------------------------------------------------------------

COMPOSE = '# the app\nversion: "3.8"\nservices:\n  web:\n    image: nginx:1.27  # pinned\n    ports:\n      - 127.0.0.1:8080:80\n'
COMPOSE_FIXED = '# the app\nservices:\n  web:\n    image: nginx:1.27  # pinned\n    ports:\n      - "127.0.0.1:8080:80"\n'


def test_fix_rewrites_in_place_keeping_comments(tmp_path):
    (tmp_path / "docker-compose.yml").write_text(COMPOSE)
    result = CliRunner().invoke(main, ["check", "--isolated", "--select", "DC002,DC012", "--fix", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "docker-compose.yml").read_text() == COMPOSE_FIXED
    assert "applied 2 fixes in 1 file" in result.output


def test_diff_prints_and_writes_nothing(tmp_path):
    (tmp_path / "docker-compose.yml").write_text(COMPOSE)
    result = CliRunner().invoke(main, ["check", "--isolated", "--select", "DC002,DC012", "--diff", str(tmp_path)])
    assert result.exit_code == 1
    assert '-version: "3.8"\n' in result.output and '+      - "127.0.0.1:8080:80"\n' in result.output
    assert result.output.startswith(f"--- a/{tmp_path}/docker-compose.yml\n")
    assert (tmp_path / "docker-compose.yml").read_text() == COMPOSE


def test_diff_exits_0_when_nothing_to_change(tmp_path):
    (tmp_path / "docker-compose.yml").write_text(COMPOSE_FIXED)
    result = CliRunner().invoke(main, ["check", "--isolated", "--select", "DC002,DC012", "--diff", str(tmp_path)])
    assert (result.exit_code, result.output) == (0, "")


def test_fix_of_stdin_prints_the_fixed_text():
    result = CliRunner().invoke(
        main, ["check", "--isolated", "--select", "DC002,DC012", "--fix", "--stdin-filename", "docker-compose.yml", "-"],
        input=COMPOSE,
    )
    assert result.stdout == COMPOSE_FIXED
    assert result.exit_code == 0


def test_unsafe_fixes_only_with_the_option(tmp_path):
    dockerfile = tmp_path / "Dockerfile"
    dockerfile.write_text("FROM node:20-alpine\nCMD node src/index.js\n")
    args = ["check", "--isolated", "--select", "DF017", "--fix", str(tmp_path)]
    assert CliRunner().invoke(main, args).exit_code == 1
    assert dockerfile.read_text() == "FROM node:20-alpine\nCMD node src/index.js\n"
    assert CliRunner().invoke(main, [*args, "--unsafe-fixes"]).exit_code == 0
    assert dockerfile.read_text() == 'FROM node:20-alpine\nCMD ["node", "src/index.js"]\n'


def test_unsafe_fixes_alone_is_a_usage_error(tmp_path):
    (tmp_path / "Dockerfile").write_text("FROM alpine:3.20\n")
    result = CliRunner().invoke(main, ["check", "--isolated", "--unsafe-fixes", str(tmp_path)])
    assert result.exit_code == 2 and "--unsafe-fixes applies with --fix or --diff" in result.output


def test_a_symlinked_file_is_not_rewritten(tmp_path):
    real = tmp_path / "real.yml"
    real.write_text(COMPOSE)
    (tmp_path / "docker-compose.yml").symlink_to(real)
    result = CliRunner().invoke(main, ["check", "--isolated", "--select", "DC002", "--fix", str(tmp_path / "docker-compose.yml")])
    assert real.read_text() == COMPOSE
    assert "not fixed: not a regular file" in result.output


def test_fixed_file_keeps_its_mode(tmp_path):
    path = tmp_path / "docker-compose.yml"
    path.write_text(COMPOSE)
    path.chmod(0o640)
    CliRunner().invoke(main, ["check", "--isolated", "--select", "DC002", "--fix", str(tmp_path)])
    assert path.stat().st_mode & 0o777 == 0o640


def test_rules_and_explain_show_the_fix_level():
    import json

    listed = {r["id"]: r for r in json.loads(CliRunner().invoke(main, ["rules", "--format", "json"]).output)}
    assert (listed["DF007"]["fix"], listed["DF017"]["fix"], listed["DF001"]["fix"]) == ("safe", "unsafe", None)
    assert listed["DF007"]["fixable"] is True
    text = CliRunner().invoke(main, ["rules", "--kind", "dockerfile"]).output
    assert any(line.startswith("DF017") and "(unsafe fix)" in line for line in text.splitlines())
    assert "Fix: unsafe" in CliRunner().invoke(main, ["explain", "DF017"]).output


def test_a_fix_that_adds_a_finding_is_left_out():
    # COPY to a relative path without WORKDIR is reported (DF029) where ADD was not.
    before, after, fixed, _again = run_fix({"Dockerfile": "FROM alpine:3.20\nADD app.py srv/\n"}, select=["DF018", "DF029"])
    assert [f.rule for f in before] == ["DF018"] and not fixed
    _before, after, fixed, _again = run_fix({"Dockerfile": "FROM alpine:3.20\nWORKDIR /w\nADD app.py srv/\n"},
                                            select=["DF018", "DF029"])
    assert fixed == {"Dockerfile": "FROM alpine:3.20\nWORKDIR /w\nCOPY app.py srv/\n"} and not after


def test_other_fixes_of_the_file_still_apply_when_one_is_left_out():
    text = "FROM alpine:3.20\nADD app.py srv/\nRUN apk add curl=8.9.1-r0\n"
    _before, after, fixed, _again = run_fix({"Dockerfile": text}, select=["DF018", "DF029", "DF026"])
    assert fixed == {"Dockerfile": text.replace("apk add", "apk add --no-cache")}
    assert [f.rule for f in after] == ["DF018"]


def test_template_injection_fix_reads_the_shell_quoting():
    workflow = (
        "on: issues\npermissions: {}\njobs:\n  greet:\n    runs-on: ubuntu-24.04\n    steps:\n"
        "      - run: |\n"
        "          echo $(printf %s ${{ github.event.issue.title }})\n"
        "          echo 'literal ${{ github.event.issue.body }}'\n"
    )
    _before, after, fixed, again = run_fix({".github/workflows/greet.yml": workflow}, select=["GH002"])
    text = fixed[".github/workflows/greet.yml"]
    assert 'echo $(printf %s "${ISSUE_TITLE}")\n' in text  # a $( ) inside quotes is unquoted again
    assert "echo 'literal ${{ github.event.issue.body }}'" in text  # single quotes: left as it is
    assert text.endswith("        env:\n          ISSUE_TITLE: ${{ github.event.issue.title }}\n")
    assert [f.message.split("`")[1] for f in after] == ["github.event.issue.body"] and not again


def test_inserted_key_goes_to_its_place_among_sorted_keys():
    manifest = (
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n"
        "      image: nginx:1.27.2\n      securityContext:\n        capabilities:\n          drop: [ALL]\n"
        "        runAsNonRoot: true\n"
    )
    _before, _after, fixed, _again = run_fix({"pod.yaml": manifest}, select=["K8015"])
    assert fixed["pod.yaml"].endswith(
        "      securityContext:\n        allowPrivilegeEscalation: false\n        capabilities:\n"
        "          drop: [ALL]\n        runAsNonRoot: true\n"
    )


def test_repeated_need_removed_from_a_block_list():
    pipeline = "build:\n  script: make\ntest:\n  needs:\n    - build  # first\n    - build\n  script: make test\n"
    _before, after, fixed, _again = run_fix({".gitlab-ci.yml": pipeline}, select=["GL023"])
    assert fixed[".gitlab-ci.yml"] == "build:\n  script: make\ntest:\n  needs:\n    - build  # first\n  script: make test\n"
    assert not after
