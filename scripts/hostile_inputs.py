"""The hostile-input set: files built to break or exhaust a linter, and a run of lintkit
over them.

    python scripts/hostile_inputs.py              # writes the set to a temporary folder
    python scripts/hostile_inputs.py --keep DIR   # ... to DIR, kept for reproducing

The set: alias bombs (compose, Kubernetes), binary files under linted names, odd encodings
(latin-1, UTF-16 with and without BOM, invalid UTF-8), a 20,000-document Kubernetes stream,
a 20,000-command RUN, a 10 MB ConfigMap, deep nesting, huge integers and symbolic-link
loops. lintkit runs over the folder as CI would (`lintkit check --format json`); the
checks: no internal error, exit 0 or 1, a positioned finding (line and column) for each
file that is broken, the run's time and peak memory. Exit status 1 when a check fails.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

LINTKIT = [sys.executable, "-c", "from lintkit.cli import run_and_exit; run_and_exit()"]
#: Limits of the run: time of the whole set and peak memory.
MAX_SECONDS = 120
MAX_RSS_MIB = 1024


def _alias_bomb(levels: int = 12) -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, levels)]
    return "\n".join(lines) + "\n"


def hostile_set() -> dict[str, tuple[bytes, bool]]:
    """File name -> (contents, whether the file is broken: it must get a positioned
    finding). Names decide the kinds."""
    configmap_data = "".join(f"  key{i}: {'v' * 100}\n" for i in range(100_000))
    return {
        "alias-bomb/docker-compose.yml": (("services:\n  web:\n    image: nginx:1.27\n" + _alias_bomb()).encode(), True),
        "alias-bomb-k8s/bomb.yaml": (
            ("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bomb\ndata:\n" + "".join(
                "  " + line + "\n" for line in _alias_bomb().splitlines())).encode(), True),
        "binary/Dockerfile": (bytes(range(256)) * 64, True),
        "binary/docker-compose.yml": (b"\x7fELF\x02\x01\x01\x00" + bytes(4000), True),
        "binary/.gitlab-ci.yml": (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 16, True),
        "encodings/latin1/Dockerfile": ("FROM alpine:3.20\n# Caf\xe9 cr\xe8me\nRUN true\n".encode("latin-1"), False),
        "encodings/utf16-bom/manifest.yaml": (
            "\ufeffapiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: nginx:1.27\n".encode("utf-16"),
            False),
        "encodings/utf16-no-bom/docker-compose.yml": ("services:\n  web:\n    image: nginx:1.27\n".encode("utf-16-le"), True),
        "encodings/invalid-utf8/docker-compose.yml": (b"services:\n  web:\n    image: nginx:1.27 # \xff\xfe\xc3\x28\n", True),
        "encodings/shift-jis/.gitlab-ci.yml": ("test:\n  script:\n    - echo '\u65e5\u672c\u8a9e'\n".encode("shift_jis"), True),
        "scale/stream.yaml": ("".join(
            f"---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-{i}\ndata:\n  k: v\n" for i in range(20_000)).encode(), False),
        "scale/Dockerfile": (("FROM alpine:3.20\nRUN " + " && ".join(f"echo {i}" for i in range(20_000)) + "\n").encode(), False),
        "scale/configmap.yaml": (
            ("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n" + configmap_data).encode(), False),
        "nesting/docker-compose.yml": (("services:\n  web:\n    image: nginx:1.27\n    labels: " + "[" * 10_000 + "]" * 10_000 + "\n").encode(), False),
        "nesting/.github/workflows/ci.yml": (
            ("on: push\njobs:\n  t:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: echo ${{ " + "(" * 2000 + "github.sha" + ")" * 2000 + " }}\n").encode(), False),
        "integers/docker-compose.yml": (("services:\n  web:\n    image: nginx:1.27\n    mem_limit: " + "9" * 5000 + "\n    cpus: 0x_\n").encode(), False),
        "broken-yaml/.gitlab-ci.yml": (b"test:\n  script: [unclosed\n  - x: : :\n", True),
    }


def write_set(root: Path) -> dict[str, bool]:
    broken = {}
    for name, (data, is_broken) in hostile_set().items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        broken[name] = is_broken
    # Symbolic-link loops: a folder holding a link to itself, two links naming each other
    # under linted names, and a link to a parent folder.
    loops = root / "symlink-loops"
    loops.mkdir()
    os.symlink(".", loops / "self")
    os.symlink("docker-compose.yml", loops / "compose.yaml")
    os.symlink("compose.yaml", loops / "docker-compose.yml")
    os.symlink("..", loops / "parent")
    os.symlink("Dockerfile", loops / "Dockerfile")
    return broken


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--keep", type=Path, help="write the set here and keep it")
    args = parser.parse_args()
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        return _run(args.keep)
    with tempfile.TemporaryDirectory(prefix="lintkit-hostile-") as folder:
        return _run(Path(folder))


def _run(root: Path) -> int:
    broken = write_set(root)
    started = time.monotonic()
    try:
        result = subprocess.run([*LINTKIT, "check", "--isolated", "--select", "ALL", "--ignore", "shellcheck-run",
                                 "--format", "json", "--verbose", "."], cwd=root, capture_output=True, text=True,
                                timeout=MAX_SECONDS * 5, check=False)
    except subprocess.TimeoutExpired:
        print(f"FAIL: lintkit ran over {MAX_SECONDS * 5} s on the hostile set")
        return 1
    seconds = time.monotonic() - started
    peak_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    problems = []
    if result.returncode not in (0, 1):
        problems.append(f"exit code {result.returncode}")
    problems += [line for line in result.stderr.splitlines() if "internal error" in line or "Traceback" in line]
    try:
        findings = json.loads(result.stdout)["findings"]
    except (json.JSONDecodeError, KeyError):
        findings = []
        problems.append("stdout is not a JSON report: " + result.stdout[:200])
    positioned = {os.path.normpath(f["path"]) for f in findings if f["line"] >= 1 and f["column"] >= 1}
    for name, is_broken in sorted(broken.items()):
        if is_broken and os.path.normpath(name) not in positioned:
            problems.append(f"{name}: broken, but no positioned finding")
    if seconds > MAX_SECONDS:
        problems.append(f"the run took {seconds:.0f} s (limit {MAX_SECONDS} s)")
    if peak_mib > MAX_RSS_MIB:
        problems.append(f"peak RSS {peak_mib:.0f} MiB (limit {MAX_RSS_MIB} MiB)")

    by_file: dict[str, list[str]] = {}
    for f in findings:
        by_file.setdefault(os.path.normpath(f["path"]), []).append(f"{f['rule']}@{f['line']}:{f['column']}")
    print(f"{len(broken)} hostile files (+ symlink loops); lintkit exit {result.returncode} in {seconds:.1f} s, peak RSS {peak_mib:.0f} MiB")
    for name in sorted(broken):
        found = by_file.get(os.path.normpath(name), [])
        parse_errors = [f for f in found if f.startswith("LK001")]
        print(f"  {name}: {len(found)} findings{', ' + ', '.join(parse_errors[:2]) if parse_errors else ''}")
    skipped = [line for line in result.stderr.splitlines() if "skipped" in line]
    for line in skipped[:20]:
        print(f"  {line}")
    if problems:
        print("FAIL:")
        for problem in problems:
            print(f"  {problem}")
        return 1
    print("OK: no internal error, exit 0 or 1, a positioned finding for each broken file")
    return 0


if __name__ == "__main__":
    sys.exit(main())
