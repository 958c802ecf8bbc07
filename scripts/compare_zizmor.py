"""Per-audit agreement between zizmor and lintkit on a folder of GitHub workflows.

    python scripts/compare_zizmor.py [CORPUS_DIR] [--zizmor PATH] [--probes]

zizmor runs from its own virtualenv (default /tmp/refvenv-zizmor/bin/zizmor; install with
`python -m venv /tmp/refvenv-zizmor && /tmp/refvenv-zizmor/bin/pip install zizmor`),
offline (`--offline`), and with the auditor persona. Both tools run on a copy of the
folder in which `# zizmor: ignore[...]` comments are neutralised: lintkit honours them too,
but not always over the same span as zizmor, and the comparison is about what each tool
detects. Each audit is compared on the findings of the personas listed for it in MAPPED
(the regular persona, which is zizmor's default, except for audits zizmor reports only
to auditors, such as self-hosted-runner). A zizmor finding is reproduced when
lintkit reports the mapped rule in the same file on a line inside zizmor's primary
location (zizmor's columns count bytes, lintkit's characters, so lines are compared).
lintkit runs with `pin-actions-sha` told to pin GitHub-owned actions too, which is
zizmor's default blanket policy.

`--probes` adds small synthetic workflows (written to a temporary folder) for the audits
the corpus never triggers (insecure-commands, hardcoded-container-credentials...), so
that those mappings are measured too; they are reported separately. lintkit findings in
files zizmor did not audit (it skips files it cannot read as a workflow) are counted
apart from the extras.
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

# ../shared beside the repository, wherever it is checked out.
DEFAULT_CORPUS = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, os.pardir, "shared", "corpus", "github-actions")
DEFAULT_TOOL = "/tmp/refvenv-zizmor/bin/zizmor"
REGULAR = ("Regular",)
#: zizmor audit -> (lintkit rule id, zizmor personas whose findings are compared).
MAPPED = {
    "unpinned-uses": ("GH001", REGULAR),
    "template-injection": ("GH002", REGULAR),
    "artipacked": ("GH003", REGULAR),
    "excessive-permissions": ("GH004", REGULAR),
    "dangerous-triggers": ("GH005", REGULAR),
    "secrets-inherit": ("GH006", REGULAR),
    "unsound-condition": ("GH007", REGULAR),
    "github-env": ("GH008", REGULAR),
    "unpinned-images": ("GH009", REGULAR),
    "bot-conditions": ("GH010", REGULAR),
    "insecure-commands": ("GH012", REGULAR),
    "self-hosted-runner": ("GH014", ("Regular", "Auditor")),
    "hardcoded-container-credentials": ("GH018", REGULAR),
    "unsound-contains": ("GH026", REGULAR),
    "overprovisioned-secrets": ("GH027", REGULAR),
    "unredacted-secrets": ("GH028", REGULAR),
    "github-app": ("GH029", REGULAR),
    # zizmor reports every cache of a workflow with a tag, release or release-branch
    # trigger (lint and test jobs included); GH030 only jobs that publish what they build
    # or whose artifacts a publishing job downloads, so most of zizmor's are not reproduced.
    "cache-poisoning": ("GH030", REGULAR),
    # GH031 leaves out GitHub Packages registries and `pnpm dlx x publish`, which zizmor reports.
    "use-trusted-publishing": ("GH031", REGULAR),
    # GH034 reports an expression that is as a whole a constant string; zizmor also
    # constant parts inside larger ones (`fromJSON('false')` in the unsound-ternary probe).
    "obfuscation": ("GH034", REGULAR),
    "secrets-outside-env": ("GH035", ("Auditor",)),
    "concurrency-limits": ("GH037", ("Pedantic",)),
    "unsound-ternary": ("GH039", REGULAR),
    "superfluous-actions": ("GH042", REGULAR),
    "misfeature": ("GH043", ("Regular", "Auditor")),
    # GH044 also reads `version: latest` on any setup action, which zizmor does not.
    "unpinned-tools": ("GH044", REGULAR),
}
#: Synthetic workflows for audits the corpus does not trigger (name -> text).
PROBES = {
    "insecure-workflow.yml": (
        "on: push\npermissions: {}\nenv:\n  ACTIONS_ALLOW_UNSECURE_COMMANDS: true\njobs:\n  a:\n"
        "    runs-on: ubuntu-24.04\n    steps:\n      - run: echo hi\n"
    ),
    "insecure-job-step.yml": (
        "on: push\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    env:\n"
        "      ACTIONS_ALLOW_UNSECURE_COMMANDS: 'true'\n    steps:\n      - run: echo hi\n        env:\n"
        "          ACTIONS_ALLOW_UNSECURE_COMMANDS: true\n      - run: echo ok\n        env:\n"
        "          ACTIONS_ALLOW_UNSECURE_COMMANDS: false\n"
    ),
    "container-credentials.yml": (
        "on: push\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    container:\n"
        "      image: ghcr.io/o/ci:1.0\n      credentials:\n        username: bot\n        password: hunter2secret\n"
        "    services:\n      db:\n        image: ghcr.io/o/db:1.0\n        credentials:\n          username: bot\n"
        "          password: s3cr3t-db-pass\n      cache:\n        image: ghcr.io/o/cache:1.0\n        credentials:\n"
        "          username: bot\n          password: ${{ secrets.CACHE }}\n    steps:\n      - run: make\n"
    ),
    "self-hosted.yml": (
        "on: pull_request\npermissions: {}\njobs:\n  a:\n    runs-on: self-hosted\n    steps:\n      - run: make\n"
        "  b:\n    runs-on: [self-hosted, linux, x64]\n    steps:\n      - run: make\n"
        "  c:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: make\n"
    ),
}
PROBES.update({
    "secrets-and-contains.yml": (
        "on: push\npermissions: {}\njobs:\n  a:\n    if: contains('refs/heads/main refs/heads/dev', github.ref)\n"
        "    runs-on: ubuntu-24.04\n    steps:\n      - run: echo ${{ toJSON(secrets) }}\n        env:\n"
        "          P: ${{ fromJSON(secrets.CFG).password }}\n          Q: ${{ secrets[matrix.name] }}\n"
    ),
    "unsound-ternary.yml": (
        "on: push\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: x\n        env:\n"
        "          A: ${{ a.b && '' || 'x' }}\n          B: ${{ a.b && 'x' || '' }}\n"
        "          C: ${{ a.b && 0 || c.d && fromJSON('false') || 'z' }}\n"
    ),
})
CONFIG = "rules:\n  pin-actions-sha:\n    allow-github-owned: false\n"


def run_zizmor(tool: str, corpus: str) -> tuple[list[dict], set[str]]:
    """zizmor's findings, and the files it audited (it skips, with a warning, files it
    cannot read as a workflow; lintkit's findings there have nothing to compare with)."""
    result = subprocess.run(
        [tool, "--offline", "--no-ignores", "--persona", "auditor", "--format", "json", "--collect=workflows", corpus],
        capture_output=True,
        text=True,
        env={**os.environ, "RUST_LOG": "info", "NO_COLOR": "1"},
    )
    audited = {
        os.path.abspath(line.split(" completed ", 1)[1].strip())
        for line in result.stderr.splitlines()
        if " completed " in line
    }
    return json.loads(result.stdout or "[]"), audited


def run_lintkit(corpus: str) -> list[dict]:
    with tempfile.TemporaryDirectory() as folder:
        config = os.path.join(folder, ".lintkit.yaml")
        with open(config, "w", encoding="utf-8") as fh:
            fh.write(CONFIG)
        result = subprocess.run(
            [sys.executable, "-m", "lintkit", "check", "--config", config, "--select", ",".join(r for r, _ in MAPPED.values()),
             "--format", "json", corpus],
            capture_output=True,
            text=True,
        )  # fmt: skip
    if not result.stdout:
        raise SystemExit(f"lintkit failed: {result.stderr.strip()}")
    return json.loads(result.stdout)["findings"]


def compare(tool: str, corpus: str, show: int, title: str) -> float:
    """Print the per-audit table for one folder; the lowest agreement over audits
    that zizmor reported at least once."""
    theirs = defaultdict(list)
    zizmor_findings, audited = run_zizmor(tool, corpus)
    for finding in zizmor_findings:
        mapped = MAPPED.get(finding["ident"])
        if mapped is None or finding["determinations"]["persona"] not in mapped[1]:
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
    for finding in run_lintkit(corpus):
        ours[finding["rule"]].append((os.path.abspath(finding["path"]), finding["line"]))

    worst = 100.0
    print(f"== {title}")
    skipped = sorted({path for findings in ours.values() for path, _ in findings if path not in audited})
    print(f"{'zizmor audit':32} {'lintkit':6} {'zizmor':>6} {'reproduced':>10} {'lintkit extra':>13} {'in files zizmor skipped':>24}")
    details = []
    for audit, (rule_id, _personas) in MAPPED.items():
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
        unmatched = [f for i, f in enumerate(found) if i not in used]
        extra = [f for f in unmatched if f[0] in audited]
        unread = len(unmatched) - len(extra)
        if expected:
            rate = 100.0 * (len(expected) - len(missed)) / len(expected)
            worst = min(worst, rate)
            shown = f"{rate:9.1f}%"
        else:
            shown = f"{'n/a':>10}"
        print(f"{audit:32} {rule_id:6} {len(expected):6} {shown} {len(extra):13} {unread:24}")
        details.append((audit, missed, extra))
    for audit, missed, extra in details:
        for path, line in missed[:show]:
            print(f"  {audit}: missed {os.path.relpath(path, corpus)}:{line}")
        for path, line in extra[:show]:
            print(f"  {audit}: extra  {os.path.relpath(path, corpus)}:{line}")
    for path in skipped:
        print(f"  zizmor did not audit {os.path.relpath(path, corpus)}")
    print(f"lowest per-audit agreement: {worst:.1f}%\n")
    return worst


def _copy_without_ignores(source: str, target: str) -> None:
    """Copy the workflow files of ``source`` with their `zizmor: ignore` comments
    neutralised (same length, so positions do not move)."""
    for root, _dirs, files in os.walk(source):
        for name in files:
            if not name.endswith((".yml", ".yaml")):
                continue
            path = os.path.join(root, name)
            destination = os.path.join(target, os.path.relpath(path, source))
            os.makedirs(os.path.dirname(destination), exist_ok=True)
            with open(path, encoding="utf-8", errors="surrogateescape") as fh:
                text = fh.read()
            with open(destination, "w", encoding="utf-8", errors="surrogateescape") as fh:
                fh.write(text.replace("zizmor: ignore[", "zizmor- ignore["))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default=DEFAULT_CORPUS)
    parser.add_argument("--zizmor", default=DEFAULT_TOOL)
    parser.add_argument("--show", type=int, default=5, help="examples of misses/extras per audit")
    parser.add_argument("--probes", action="store_true", help="also compare on synthetic workflows for audits the corpus lacks")
    args = parser.parse_args()
    tool = args.zizmor if os.path.exists(args.zizmor) else shutil.which("zizmor")
    if not tool:
        print(f"zizmor not found at {args.zizmor} (see this script's docstring)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as folder:
        copy = os.path.join(folder, "corpus")
        _copy_without_ignores(args.corpus, copy)
        worst = compare(tool, copy, args.show, args.corpus)
    if args.probes:
        with tempfile.TemporaryDirectory() as folder:
            workflows = os.path.join(folder, ".github", "workflows")
            os.makedirs(workflows)
            for name, text in PROBES.items():
                with open(os.path.join(workflows, name), "w", encoding="utf-8") as fh:
                    fh.write(text)
            worst = min(worst, compare(tool, folder, args.show, "synthetic probes"))
    return 0 if worst >= 90.0 else 1


if __name__ == "__main__":
    sys.exit(main())
