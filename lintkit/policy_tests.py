"""``lintkit policy test``: the ``tests:`` cases written beside each policy, as
``conftest verify`` and ``kyverno test`` run theirs.

A case lints one input as a kind, with only its policy selected, and compares the
policy's findings with ``expect`` (``[]`` for a compliant input)::

    tests:
      - name: docker hub image is refused
        kind: dockerfile            # the kind the input is linted as
        input: |                    # inline text; or `file: path` relative to the policy file
          FROM nginx:1.27.2
        expect:
          - {id: ACME001, line: 1}  # `column` optional
"""

from __future__ import annotations

import os
from typing import Callable

from .policies import Policy, PolicyError, activate
from .testing import DEFAULT_FILENAMES, lint_files

CASE_KEYS = frozenset(("name", "kind", "input", "file", "filename", "expect"))


def run_policy_tests(paths: list[str], echo: Callable[[str], None]) -> int:
    """0 when every case passes, 1 when one fails; a broken policy or case exits 2."""
    try:
        policies = activate(paths)
        cases = [(policy, index, case) for policy in policies for index, case in enumerate(policy.tests)]
        for policy, index, case in cases:
            _check_case(policy, index, case)
    except PolicyError as exc:
        echo(f"lintkit: {exc}")
        return 2
    failed = 0
    for policy, index, case in cases:
        label = f"{policy.id} {case.get('name') or f'case {index + 1}'}"
        missing, unexpected = _compare(_expected(case["expect"]), _findings(policy, case))
        if not missing and not unexpected:
            echo(f"PASS {label}")
            continue
        failed += 1
        echo(f"FAIL {label} ({policy.path}:{policy.line})")
        for line, column in missing:
            echo(f"  - expected a finding at line {line}{'' if column is None else f', column {column}'}")
        for (line, column), message in unexpected:
            echo(f"  + unexpected finding at line {line}, column {column}: {message}")
    echo(f"{len(cases) - failed} passed, {failed} failed")
    return 1 if failed else 0


def _compare(expected, found):
    """(expected positions no finding matched, findings no expectation matched); an
    expectation without a column matches any column of its line."""
    left = list(found)
    missing = []
    for line, column in expected:
        match = next((f for f in left if f[0] == (line, column if column is not None else f[0][1])), None)
        if match is None:
            missing.append((line, column))
        else:
            left.remove(match)
    return missing, left


def _check_case(policy: Policy, index: int, case) -> None:
    where = f"{policy.path}:{policy.line}: policy {policy.id}: test {index + 1}"
    if not isinstance(case, dict):
        raise PolicyError(f"{where}: a test case is a mapping")
    unknown = sorted(str(k) for k in case if k not in CASE_KEYS)
    if unknown:
        raise PolicyError(f"{where}: unknown key(s) {', '.join(unknown)}")
    if case.get("kind") not in policy.kinds:
        raise PolicyError(f"{where}: kind must be one the policy covers ({', '.join(policy.kinds)})")
    if ("input" in case) == ("file" in case):
        raise PolicyError(f"{where}: give exactly one of input or file")
    if not isinstance(case.get("expect"), list):
        raise PolicyError(f"{where}: expect is a list of findings ([] for a compliant input)")
    for item in case["expect"]:
        if not isinstance(item, dict) or item.get("id") != policy.id or not isinstance(item.get("line"), int):
            raise PolicyError(f"{where}: each expected finding is {{id: {policy.id}, line: N}} (column optional)")


def _expected(expect: list) -> list[tuple[int, int | None]]:
    return [(item["line"], item.get("column")) for item in expect]


def _findings(policy: Policy, case) -> list[tuple[tuple[int, int], str]]:
    if "file" in case:
        with open(os.path.join(os.path.dirname(policy.path), case["file"]), encoding="utf-8") as fh:
            text = fh.read()
    else:
        text = case["input"]
    filename = case.get("filename") or DEFAULT_FILENAMES[case["kind"]]
    findings = lint_files({filename: text}, select=[policy.id])
    return [((f.line, f.column), f.message) for f in findings if f.rule == policy.id]
