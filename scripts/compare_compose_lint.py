#!/usr/bin/env python3
"""Compare lintkit's compose rules with compose-lint (PyPI ``compose-lint``).

    python3 -m venv /tmp/refvenv-compose-lint
    /tmp/refvenv-compose-lint/bin/pip install compose-lint      # once, outside the repository
    python scripts/compare_compose_lint.py [CORPUS]              # default: ../shared/corpus/compose

For every compose-lint check (CL-00NN) it prints how many findings lintkit reproduces: a
lintkit finding whose aliases include ``compose-lint:CL-00NN``, in the same file and
service (one lintkit finding answers one compose-lint finding), and what lintkit reports
beyond them. lintkit runs every rule carrying a compose-lint alias, including the
hardening rules that are off by default (compose-lint enables all of its checks).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from compare_dclint import DEFAULT_CORPUS, compare, lintkit_rules, run_lintkit  # noqa: E402


def find_compose_lint() -> str | None:
    explicit = os.environ.get("COMPOSE_LINT")
    if explicit:
        return explicit
    for candidate in ("/tmp/refvenv-compose-lint/bin/compose-lint", shutil.which("compose-lint") or ""):
        if candidate and os.path.exists(candidate):
            return candidate
    return None


def compose_files(corpus: str) -> list[str]:
    """The files lintkit lints as compose in the corpus (compose-lint takes a file list)."""
    found = []
    for folder, _dirs, names in os.walk(corpus):
        for name in names:
            if name.endswith((".yml", ".yaml")):
                found.append(os.path.join(folder, name))
    return sorted(found)


def main() -> int:
    corpus = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else DEFAULT_CORPUS)
    tool = find_compose_lint()
    if tool is None:
        print("compose-lint not found: install it outside the repository with\n"
              "    python3 -m venv /tmp/refvenv-compose-lint && /tmp/refvenv-compose-lint/bin/pip install compose-lint\n"
              "or point COMPOSE_LINT at its executable.", file=sys.stderr)
        return 2
    if not os.path.isdir(corpus):
        print(f"corpus not found: {corpus}", file=sys.stderr)
        return 2
    files = compose_files(corpus)
    start = time.perf_counter()
    # Partial coverage (a missing env_file or extends target, an empty file) is reported
    # and graded rather than refused; the findings go to stdout as JSON.
    result = subprocess.run(
        [tool, "check", "--format", "json", "--allow-partial-coverage", *files],
        capture_output=True, text=True, cwd=corpus, check=False,
    )
    tool_wall = time.perf_counter() - start
    report = json.loads(result.stdout)
    reference = [
        {
            "path": os.path.join(corpus, f["file"]),
            "rule": f["rule_id"],
            "line": f.get("line") or 1,
            "service": f.get("service"),
            "message": f.get("message", ""),
        }
        for f in report["findings"]
    ]
    rules = lintkit_rules()
    selected = sorted({r["id"] for r in rules if any(a.startswith("compose-lint:") for a in r["aliases"])} | {"DC053"})
    ours, lintkit_wall = run_lintkit(corpus, selected)
    print(f"compose-lint: {len(reference)} findings in {len(files)} files ({tool_wall:.2f} s); "
          f"lintkit: {len(ours)} findings of {len(selected)} rules ({lintkit_wall:.2f} s)\n")
    compare("compose-lint", reference, ours, rules)
    return 0


if __name__ == "__main__":
    sys.exit(main())
