#!/usr/bin/env python3
"""Check every fix over a corpus: ``--fix --unsafe-fixes`` over a temporary copy of it.

    python scripts/check_fixes.py [--corpus ../shared/corpus] [--show N]

Lints the copy (``--select ALL``), fixes it in place, lints it again, and checks that

- every file that parsed still parses (no new ``parse-error``);
- the number of findings drops;
- no finding appears that was not there: per file and rule, the count after is at most
  the count before.

Prints the numbers (files changed, findings before and after, per rule how many went),
lists what appeared, and exits 1 if anything did. The corpus itself is never written.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections import Counter

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def lintkit(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "lintkit", "check", "--isolated", "--select", "ALL", *args],
                          capture_output=True, text=True, check=False)


def counts(report: str, root: str) -> Counter:
    """(file relative to the copy, rule) -> findings."""
    return Counter((os.path.relpath(f["path"], root), f["rule"]) for f in json.loads(report)["findings"])


def digests(root: str) -> dict[str, bytes]:
    found = {}
    for folder, _dirs, files in os.walk(root):
        for name in files:
            path = os.path.join(folder, name)
            if os.path.isfile(path) and not os.path.islink(path):
                with open(path, "rb") as fh:
                    found[os.path.relpath(path, root)] = fh.read()
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", default=os.path.join(ROOT, "..", "shared", "corpus"))
    parser.add_argument("--show", type=int, default=20, help="findings that appeared to list")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="lintkit-check-fixes-") as temporary:
        root = os.path.join(temporary, "corpus")
        shutil.copytree(args.corpus, root, symlinks=True)
        original = digests(root)
        before_run = lintkit("--format", "json", root)
        fixed_run = lintkit("--fix", "--unsafe-fixes", "--quiet", "--format", "json", root)
        after_run = lintkit("--format", "json", root)
        for run in (before_run, fixed_run, after_run):
            if run.returncode not in (0, 1):
                print(run.stderr, file=sys.stderr)
                return 2
        before, after = counts(before_run.stdout, root), counts(after_run.stdout, root)
        changed = sum(1 for path, data in digests(root).items() if original.get(path) != data)
        not_written = [line for line in fixed_run.stderr.splitlines() if "not fixed" in line]

    appeared = {key: after[key] - before[key] for key in after if after[key] > before[key]}
    new_parse_errors = {path for (path, rule), _n in appeared.items() if rule == "LK001"}
    total_before, total_after = sum(before.values()), sum(after.values())
    print(f"files in the corpus:      {len(original)}")
    print(f"files changed by --fix:   {changed}")
    print(f"findings before:          {total_before}")
    print(f"findings after:           {total_after} ({total_before - total_after} fixed)")
    print(f"files that stopped parsing: {len(new_parse_errors)}")
    print(f"findings that appeared:   {sum(appeared.values())}")
    print(f"files not written:        {len(not_written)}")
    by_rule_before = Counter()
    by_rule_after = Counter()
    for (path, rule), n in before.items():
        by_rule_before[rule] += n
    for (path, rule), n in after.items():
        by_rule_after[rule] += n
    print("\nper rule, findings fixed (before -> after):")
    for rule in sorted(by_rule_before, key=lambda r: by_rule_after[r] - by_rule_before[r]):
        gone = by_rule_before[rule] - by_rule_after[rule]
        if gone:
            print(f"  {rule:7} {gone:6}  ({by_rule_before[rule]} -> {by_rule_after[rule]})")
    if appeared:
        print("\nappeared (file, rule, how many more):")
        for (path, rule), n in sorted(appeared.items())[: args.show]:
            print(f"  {path} {rule} +{n}")
    for line in not_written[: args.show]:
        print(f"  {line}")
    ok = not appeared and total_after < total_before
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
