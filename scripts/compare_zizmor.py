"""Per-audit agreement between zizmor and lintkit on a folder of GitHub workflows.

    python scripts/compare_zizmor.py [CORPUS_DIR] [--zizmor PATH]

zizmor runs from its own virtualenv (default /tmp/refvenv-zizmor/bin/zizmor; install with
`python -m venv /tmp/refvenv-zizmor && /tmp/refvenv-zizmor/bin/pip install zizmor`),
offline (`--offline`), with `--no-ignores` so that both tools are compared on what they
detect (lintkit does not read `# zizmor: ignore[...]` comments). A zizmor finding is
reproduced when lintkit reports the mapped rule in the same file on a line inside
zizmor's primary location (zizmor's columns count bytes, lintkit's characters, so lines
are compared). lintkit runs with `pin-actions-sha` told to pin GitHub-owned actions too,
which is zizmor's default blanket policy.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict

DEFAULT_CORPUS = "/work/shared/corpus/github-actions"
DEFAULT_TOOL = "/tmp/refvenv-zizmor/bin/zizmor"
#: zizmor audit -> lintkit rule id.
MAPPED = {
    "unpinned-uses": "GH001",
    "template-injection": "GH002",
    "artipacked": "GH003",
    "excessive-permissions": "GH004",
    "dangerous-triggers": "GH005",
    "secrets-inherit": "GH006",
    "unsound-condition": "GH007",
    "github-env": "GH008",
    "unpinned-images": "GH009",
    "bot-conditions": "GH010",
}
CONFIG = "rules:\n  pin-actions-sha:\n    allow-github-owned: false\n"


def run_zizmor(tool: str, corpus: str) -> list[dict]:
    result = subprocess.run(
        [tool, "--offline", "--no-ignores", "--format", "json", "--collect=workflows", corpus],
        capture_output=True,
        text=True,
    )
    return json.loads(result.stdout or "[]")


def run_lintkit(corpus: str) -> list[dict]:
    with tempfile.TemporaryDirectory() as folder:
        config = os.path.join(folder, ".lintkit.yaml")
        with open(config, "w", encoding="utf-8") as fh:
            fh.write(CONFIG)
        result = subprocess.run(
            [sys.executable, "-m", "lintkit", "check", "--config", config, "--select", ",".join(MAPPED.values()),
             "--format", "json", corpus],
            capture_output=True,
            text=True,
        )  # fmt: skip
    if not result.stdout:
        raise SystemExit(f"lintkit failed: {result.stderr.strip()}")
    return json.loads(result.stdout)["findings"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default=DEFAULT_CORPUS)
    parser.add_argument("--zizmor", default=DEFAULT_TOOL)
    parser.add_argument("--show", type=int, default=5, help="examples of misses/extras per audit")
    args = parser.parse_args()
    tool = args.zizmor if os.path.exists(args.zizmor) else shutil.which("zizmor")
    if not tool:
        print(f"zizmor not found at {args.zizmor} (see this script's docstring)", file=sys.stderr)
        return 2
    theirs = defaultdict(list)
    for finding in run_zizmor(tool, args.corpus):
        if finding["ident"] not in MAPPED:
            continue
        for location in finding["locations"]:
            if location["symbolic"]["kind"] == "Primary":
                concrete = location["concrete"]["location"]
                path = location["symbolic"]["key"]["Local"]["verbatim_path"]
                theirs[finding["ident"]].append(
                    (os.path.abspath(path), concrete["start_point"]["row"] + 1, concrete["end_point"]["row"] + 1)
                )
                break
    ours = defaultdict(list)
    for finding in run_lintkit(args.corpus):
        ours[finding["rule"]].append((os.path.abspath(finding["path"]), finding["line"]))

    worst = 100.0
    print(f"{'zizmor audit':24} {'lintkit':6} {'zizmor':>6} {'reproduced':>10} {'lintkit extra':>13}")
    details = []
    for audit, rule_id in MAPPED.items():
        expected = theirs.get(audit, [])
        found = ours.get(rule_id, [])
        used: set[int] = set()
        missed = []
        for path, first, last in expected:
            hit = next((i for i, (p, line) in enumerate(found) if i not in used and p == path and first <= line <= last), None)
            if hit is None:
                missed.append((path, first))
            else:
                used.add(hit)
        extra = [f for i, f in enumerate(found) if i not in used]
        rate = 100.0 * (len(expected) - len(missed)) / len(expected) if expected else 100.0
        worst = min(worst, rate)
        print(f"{audit:24} {rule_id:6} {len(expected):6} {rate:9.1f}% {len(extra):13}")
        details.append((audit, missed, extra))
    for audit, missed, extra in details:
        for path, line in missed[: args.show]:
            print(f"  {audit}: missed {os.path.relpath(path, args.corpus)}:{line}")
        for path, line in extra[: args.show]:
            print(f"  {audit}: extra  {os.path.relpath(path, args.corpus)}:{line}")
    print(f"lowest per-audit agreement: {worst:.1f}%")
    return 0 if worst >= 90.0 else 1


if __name__ == "__main__":
    sys.exit(main())
