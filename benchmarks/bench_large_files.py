"""Peak memory and time of one lintkit run over one large Kubernetes ConfigMap.

    python benchmarks/bench_large_files.py 10 50     # sizes in MB

Each size gets two generated ConfigMaps in a temporary folder: one whose data is a block
scalar of 100-character lines (a bundled dashboard or certificate bundle), one with a
key per 100-character line (a YAML node each, the costlier shape); lintkit runs on it as a
child process under ``/usr/bin/time -v``, which reports the child's maximum resident set.
The files must lint (no ``parse-error``) within 1 GiB: the size cap is 50 MB by default.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile

from timing import lintkit_command

HEAD = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\n  namespace: app\ndata:\n"
BLOCK_LINE = "    key: " + "v" * 90 + "\n"


def configmap(path: str, size: int, shape: str) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(HEAD)
        if shape == "block":
            fh.write("  big.txt: |\n")
            fh.write(BLOCK_LINE * ((size - len(HEAD) - 13) // len(BLOCK_LINE)))
            return
        written = len(HEAD)
        index = 0
        while True:
            line = f"  key{index:09d}: {'v' * 84}\n"
            if written + len(line) > size:
                return
            fh.write(line)
            written += len(line)
            index += 1


def measure(size_mb: int, shape: str) -> tuple[float, int, int]:
    """(seconds, peak RSS in MiB, findings) of linting a ``size_mb`` MB ConfigMap."""
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "configmap.yaml")
        configmap(path, size_mb * 1000 * 1000, shape)
        command = ["/usr/bin/time", "-v", *lintkit_command(), "check", "--isolated", "--format", "json", path]
        done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode not in (0, 1):
        raise SystemExit(done.stderr)
    peak_kib = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr).group(1))
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)", done.stderr)
    seconds = int(wall.group(1) or 0) * 3600 + int(wall.group(2)) * 60 + float(wall.group(3))
    import json

    findings = json.loads(done.stdout)["findings"]
    if any(f["rule"] == "LK001" for f in findings):
        raise SystemExit(f"{size_mb} MB: not linted: {findings}")
    return seconds, peak_kib // 1024, len(findings)


def main(sizes: list[str]) -> None:
    print(f"{'size':>8} {'shape':>6} {'seconds':>8} {'peak RSS':>10} {'findings':>9}")
    for size in sizes or ["10", "50"]:
        for shape in ("block", "keys"):
            seconds, peak, count = measure(int(size), shape)
            print(f"{size + ' MB':>8} {shape:>6} {seconds:8.2f} {peak:>6} MiB {count:>9}")


if __name__ == "__main__":
    main(sys.argv[1:])
