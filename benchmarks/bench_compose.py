#!/usr/bin/env python3
"""Cold-process timing of lintkit, dclint and compose-lint over the compose corpus.

    python benchmarks/bench_compose.py [CORPUS] [--runs 5] [--importtime]

Each tool runs as a new process over the same files, ``--runs`` times, interleaved so
that load from other work on the machine hits all of them alike; the medians of wall
and CPU time (user + system, from the children's rusage) are printed. lintkit runs with
its default rules, once with ``--jobs 1`` and once with the automatic worker count.
Bytecode is allowed to be written (``PYTHONDONTWRITEBYTECODE`` is dropped) and a warm-up
run goes first, so "cold" means a new process after installation, not a first import
ever. Reference tools are taken from /tmp/refnode (dclint) and /tmp/refvenv-compose-lint
(compose-lint), or DCLINT / COMPOSE_LINT; a missing one is reported and skipped.

``--importtime`` adds lintkit's import cost: the modules taking most of the start-up.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import tempfile

from timing import lintkit_command, timed, timed_lintkit

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "scripts"))
from compare_compose_lint import compose_files, find_compose_lint  # noqa: E402
from compare_dclint import DEFAULT_CORPUS, find_dclint  # noqa: E402


def importtime(env: dict, corpus: str, out: str) -> None:
    runs = []
    command = [*lintkit_command(), "check", "--isolated", "--no-cache", "-j", "1", corpus, "--format", "json", "-o", out]
    for _ in range(3):  # PYTHONPROFILEIMPORTTIME is -X importtime for the lintkit script
        runs.append(timed_lintkit(command, env=dict(env, PYTHONPROFILEIMPORTTIME="1")).result.stderr)
    cumulative: dict[tuple[str, int], list[int]] = {}
    for text in runs:
        for line in text.splitlines():
            m = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)", line)
            if m:
                depth = (len(m.group(3)) - 1) // 2
                cumulative.setdefault((m.group(4), depth), []).append(int(m.group(2)))
    rows = [(statistics.median(v) / 1000, depth, name) for (name, depth), v in cumulative.items()]
    total = sum(ms for ms, depth, _n in rows if depth == 0)
    print(f"\nlintkit imports: {total:.0f} ms in all (median of 3); the largest, top two levels:")
    for ms, depth, name in sorted((r for r in rows if r[1] <= 1), key=lambda r: -r[0])[:15]:
        print(f"  {ms:6.1f} ms  {'  ' * depth}{name}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default=DEFAULT_CORPUS)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--importtime", action="store_true")
    options = parser.parse_args()
    corpus = os.path.abspath(options.corpus)
    if not os.path.isdir(corpus):
        print(f"corpus not found: {corpus}", file=sys.stderr)
        return 2
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    tmp = tempfile.mkdtemp(prefix="bench-compose-")
    out = os.path.join(tmp, "out.json")
    lintkit = lintkit_command()
    tools = {
        "lintkit --jobs 1": [*lintkit, "check", "--isolated", "--no-cache", "-j", "1", corpus, "--format", "json", "-o", out],
        "lintkit (auto jobs)": [*lintkit, "check", "--isolated", "--no-cache", corpus, "--format", "json", "-o", out],
    }
    dclint = find_dclint()
    if dclint:
        tools["dclint"] = [*dclint, "-r", corpus, "-f", "json", "-o", os.path.join(tmp, "dclint.json")]
    else:
        print("dclint not installed (npm install --prefix /tmp/refnode dclint): skipped")
    compose_lint = find_compose_lint()
    if compose_lint:
        tools["compose-lint"] = [compose_lint, "check", "--format", "json", "--allow-partial-coverage", *compose_files(corpus)]
    else:
        print("compose-lint not installed (pip install compose-lint in its own venv): skipped")

    def run(name: str, args: list[str]) -> tuple[float, float]:
        wall, cpu, _rss, _result = (timed_lintkit if name.startswith("lintkit") else timed)(args, env=env)
        return wall, cpu

    for name, args in tools.items():  # warm-up: bytecode written, file cache filled
        run(name, args)
    samples: dict[str, list[tuple[float, float]]] = {name: [] for name in tools}
    for _ in range(options.runs):
        for name, args in tools.items():
            samples[name].append(run(name, args))

    print(f"{len(compose_files(corpus))} files, {options.runs} runs each, medians (load average {os.getloadavg()[0]:.1f}):")
    medians = {}
    for name, runs in samples.items():
        wall = statistics.median(w for w, _c in runs)
        cpu = statistics.median(c for _w, c in runs)
        medians[name] = (wall, cpu)
        print(f"  {name:22} wall {wall:6.2f} s   cpu {cpu:6.2f} s")
    best = min(medians[n][0] for n in medians if n.startswith("lintkit"))
    if "dclint" in medians:
        print(f"dclint / lintkit wall: {medians['dclint'][0] / best:.1f}x (target >= 20x)")
    if "compose-lint" in medians:
        print(f"compose-lint / lintkit wall: {medians['compose-lint'][0] / best:.2f}x (target >= 1x)")
    if options.importtime:
        importtime(env, corpus, out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
