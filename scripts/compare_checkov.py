#!/usr/bin/env python3
"""Compare lintkit's Kubernetes rules with Checkov's over a folder of manifests.

Checkov is never a lintkit dependency: install it in a venv of its own, e.g.

    python3 -m venv /tmp/refvenv-checkov && /tmp/refvenv-checkov/bin/pip install checkov

then run (defaults: ../shared/corpus/kubernetes beside the repository, the checkov found
in $CHECKOV, /tmp/refvenv-checkov/bin or PATH):

    python scripts/compare_checkov.py [DIR] [--checkov PATH] [--show N] [--keep DIR]

For every Checkov check that some lintkit rule lists as an alias, it prints how many of
Checkov's failed (resource, check) pairs lintkit reproduces (a finding of a rule with that
alias inside the resource's line range) and lintkit's extra findings: in resources where
Checkov passed the check, and in resources Checkov does not evaluate for it (kinds it
skips). ``--show N`` prints up to N examples of misses and extras per check.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_CORPUS = os.path.join(HERE, os.pardir, os.pardir, "shared", "corpus", "kubernetes")


def find_checkov(explicit: str | None) -> str | None:
    for candidate in (explicit, os.environ.get("CHECKOV"), "/tmp/refvenv-checkov/bin/checkov", shutil.which("checkov")):
        if candidate and os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    return None


def run_checkov(checkov: str, folder: str) -> list[dict]:
    """Checkov's results (failed and passed checks), one dict per (resource, check)."""
    done = subprocess.run(
        [checkov, "-d", folder, "--framework", "kubernetes", "-o", "json", "--compact", "--skip-download"],
        capture_output=True,
        text=True,
        check=False,
    )
    if not done.stdout.strip():
        sys.exit(f"checkov produced no output (exit {done.returncode}): {done.stderr.strip()[-500:]}")
    report = json.loads(done.stdout)
    reports = report if isinstance(report, list) else [report]
    results = []
    for part in reports:
        if part.get("check_type") != "kubernetes":
            continue
        for status in ("failed_checks", "passed_checks"):
            for item in part["results"].get(status, []):
                results.append(
                    {
                        "check": item["check_id"],
                        "failed": status == "failed_checks",
                        "path": os.path.realpath(item["file_abs_path"]),
                        "lines": tuple(item["file_line_range"]),
                        "resource": item["resource"],
                    }
                )
    return results


#: Rule options that make lintkit as strict as Checkov where lintkit's defaults are not:
#: Checkov flags every added capability, lintkit by default allows NET_BIND_SERVICE (the
#: one the restricted Pod Security Standard allows).
CHECKOV_ALIGNED_CONFIG = "rules:\n  no-dangerous-capabilities: {allowed: []}\n"


def run_lintkit(folder: str, aligned: bool) -> list[dict]:
    import tempfile

    with tempfile.TemporaryDirectory(prefix="compare-checkov-") as scratch:
        config = os.path.join(scratch, ".lintkit.yaml")
        with open(config, "w") as fh:
            fh.write(CHECKOV_ALIGNED_CONFIG if aligned else "{}\n")
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "lintkit",
                "check",
                "--select",
                "ALL",
                "--config",
                config,
                "--no-cache",
                "--format",
                "json",
                folder,
            ],
            capture_output=True,
            text=True,
            check=False,
        )
    if done.returncode not in (0, 1):
        sys.exit(f"lintkit failed (exit {done.returncode}): {done.stderr.strip()[-500:]}")
    findings = json.loads(done.stdout)["findings"]
    for finding in findings:
        finding["path"] = os.path.realpath(finding["path"])
    return findings


def compare(checkov: list[dict], findings: list[dict]):
    """Per Checkov check: its failed pairs, which lintkit reproduces, and lintkit's extras.

    A lintkit rule often carries several Checkov ids (a container check and its
    PodSecurityPolicy twin); a finding counts for whichever of its ids Checkov evaluated
    on the resource around it, and as "not evaluated" (under the rule's first Checkov id)
    when Checkov evaluated none of them there.
    """
    results = defaultdict(list)  # path -> Checkov results
    for result in checkov:
        results[result["path"]].append(result)
    by_alias = defaultdict(lambda: defaultdict(list))  # check -> path -> [finding]
    extras_passed, extras_unevaluated = defaultdict(list), defaultdict(list)
    for finding in findings:
        ids = [a for a in finding["aliases"] if a.startswith(("CKV_K8S_", "CKV2_K8S_"))]
        if not ids:
            continue
        for check in ids:
            by_alias[check][finding["path"]].append(finding)
        around = [
            r
            for r in results.get(finding["path"], ())
            if r["check"] in ids and r["lines"][0] <= finding["line"] <= r["lines"][1]
        ]
        if any(r["failed"] for r in around):
            continue
        if around:
            for check in {r["check"] for r in around}:
                extras_passed[check].append(finding)
        else:
            extras_unevaluated[ids[0]].append(finding)
    checks = {r["check"] for r in checkov} | set(by_alias)
    table = {}
    for check in sorted(checks, key=_check_order):
        failed = [r for r in checkov if r["check"] == check and r["failed"]]
        reproduced, missed = [], []
        for result in failed:
            first, last = result["lines"]
            hit = any(first <= f["line"] <= last for f in by_alias[check].get(result["path"], ()))
            (reproduced if hit else missed).append(result)
        table[check] = {
            "failed": failed,
            "reproduced": reproduced,
            "missed": missed,
            "extra_passed": _per_resource(extras_passed[check]),
            "extra_unevaluated": _per_resource(extras_unevaluated[check]),
        }
    return table


def _per_resource(findings: list[dict]) -> list[dict]:
    """One extra per (file, rule, line): several containers of one object count once each."""
    seen, kept = set(), []
    for finding in findings:
        key = (finding["path"], finding["rule"], finding["line"])
        if key not in seen:
            seen.add(key)
            kept.append(finding)
    return kept


def _check_order(check: str):
    prefix, _, number = check.rpartition("_")
    return prefix, int(number) if number.isdigit() else 0


def mapped_checks() -> set[str]:
    from lintkit.registry import rules_for_kind

    return {a for r in rules_for_kind("kubernetes") for a in r.aliases if a.startswith(("CKV_K8S_", "CKV2_K8S_"))}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", default=DEFAULT_CORPUS)
    parser.add_argument("--checkov", help="path of the checkov executable")
    parser.add_argument("--show", type=int, default=0, help="examples of misses and extras to print per check")
    parser.add_argument("--keep", help="write both tools' raw results to this folder")
    parser.add_argument(
        "--default-options",
        action="store_true",
        help="run lintkit with its default rule options instead of Checkov-aligned ones",
    )
    parser.add_argument("--reuse", help="read Checkov's results kept by an earlier --keep run instead of running it")
    args = parser.parse_args()
    folder = os.path.realpath(args.folder)
    if not os.path.isdir(folder):
        print(f"no such folder: {folder}", file=sys.stderr)
        return 2
    checkov = find_checkov(args.checkov)
    if checkov is None and not args.reuse:
        print(
            "checkov not found: install it in its own venv (see this script's docstring) or pass --checkov",
            file=sys.stderr,
        )
        return 2
    if args.reuse:
        with open(os.path.join(args.reuse, "checkov.json")) as fh:
            checkov_results = [dict(r, lines=tuple(r["lines"])) for r in json.load(fh)]
    else:
        checkov_results = run_checkov(checkov, folder)
    findings = run_lintkit(folder, aligned=not args.default_options)
    if not args.default_options:
        print(
            "lintkit options aligned with Checkov's strictness (--default-options to disable): "
            + CHECKOV_ALIGNED_CONFIG.replace("\n", " ").strip()
        )
    if args.keep:
        os.makedirs(args.keep, exist_ok=True)
        for name, data in (("checkov.json", checkov_results), ("lintkit.json", findings)):
            with open(os.path.join(args.keep, name), "w") as fh:
                json.dump(data, fh, indent=1, default=list)
    mapped = mapped_checks()
    table = compare(checkov_results, findings)
    total_failed = total_reproduced = 0
    print(
        f"{'check':<13} {'failed':>7} {'reproduced':>11} {'share':>7} {'extra (checkov passed)':>23} "
        f"{'extra (not evaluated)':>22}"
    )
    unmapped, silent = [], []
    for check, row in table.items():
        if check not in mapped:
            if row["failed"]:
                unmapped.append(f"{check} ({len(row['failed'])})")
            continue
        failed, reproduced = len(row["failed"]), len(row["reproduced"])
        if not (failed or row["extra_passed"] or row["extra_unevaluated"]):
            silent.append(check)
            continue
        total_failed += failed
        total_reproduced += reproduced
        share = f"{100 * reproduced / failed:.1f}%" if failed else "-"
        print(
            f"{check:<13} {failed:>7} {reproduced:>11} {share:>7} {len(row['extra_passed']):>23} "
            f"{len(row['extra_unevaluated']):>22}"
        )
        if args.show:
            for miss in row["missed"][: args.show]:
                print(
                    f"    missed  {os.path.relpath(miss['path'], folder)}:{miss['lines'][0]}-{miss['lines'][1]} "
                    f"{miss['resource']}"
                )
            for extra in (row["extra_passed"] + row["extra_unevaluated"])[: args.show]:
                print(
                    f"    extra   {os.path.relpath(extra['path'], folder)}:{extra['line']} {extra['rule']} "
                    f"{extra['message']}"
                )
    share = f"{100 * total_reproduced / total_failed:.1f}%" if total_failed else "-"
    print(f"{'total':<13} {total_failed:>7} {total_reproduced:>11} {share:>7}")
    if silent:
        print(f"{len(silent)} mapped checks neither failed in Checkov nor fired in lintkit: {', '.join(silent)}")
    if unmapped:
        print("Checkov checks that failed but no lintkit rule maps: " + ", ".join(unmapped))
    return 0


if __name__ == "__main__":
    sys.exit(main())
