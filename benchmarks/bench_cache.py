"""What the result cache saves: the whole corpus linted cold, warm, and after one file changed.

On a temporary copy of ../shared/corpus (so files can be edited), with a fresh cache
folder, each as the median of --runs runs of
``lintkit check --isolated --select ALL --format json``:

  * cold: ``--no-cache`` (every file parsed and linted; what a run without the cache costs);
  * warm: the cache filled by an earlier run, nothing changed;
  * one changed, with the cache of the run before: before each run one Kubernetes
    manifest gets a ConfigMap document appended (its facts change, so the cross-object
    rules run again over the cached facts of the others), or a compose file's folder
    gets its ``.env`` rewritten (not linted itself, but the compose files beside it
    depend on it and are linted again).

It also checks that each warm and one-changed run reports exactly the findings of a cold
run over the same files.

    python benchmarks/bench_cache.py [--corpus PATH] [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile

from timing import lintkit_command, timed_lintkit

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_CORPUS = os.path.normpath(os.path.join(HERE, os.pardir, os.pardir, "shared", "corpus"))


def first_file(corpus: str, folder: str, suffixes: tuple[str, ...]) -> str | None:
    for root, dirs, files in os.walk(os.path.join(corpus, folder)):
        dirs.sort()
        for name in sorted(files):
            if name.endswith(suffixes):
                return os.path.join(root, name)
    return None


def findings(path: str) -> list:
    with open(path, encoding="utf-8") as fh:
        return sorted(json.dumps(f, sort_keys=True) for f in json.load(fh)["findings"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", default=DEFAULT_CORPUS)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if not os.path.isdir(args.corpus):
        sys.exit(f"corpus not found: {args.corpus}")
    with tempfile.TemporaryDirectory(prefix="lintkit-bench-cache-") as tmp:
        corpus = os.path.join(tmp, "corpus")
        shutil.copytree(args.corpus, corpus, symlinks=True)
        cache_dir = os.path.join(tmp, "cache")
        out = os.path.join(tmp, "out.json")
        env = dict(os.environ, LINTKIT_CACHE_DIR=cache_dir)
        command = [*lintkit_command(), "check", "--isolated", "--select", "ALL", "--format", "json", "-o", out, "."]

        def run(*extra: str):
            return timed_lintkit([*command[:-1], *extra, "."], cwd=corpus, env=env)

        cold_runs = [run("--no-cache") for _ in range(args.runs)]
        cold = statistics.median(r.wall for r in cold_runs)
        reference = findings(out)
        assert not os.path.exists(cache_dir), "--no-cache wrote to the cache"
        fill = run()
        if findings(out) != reference:
            sys.exit("the run that fills the cache reports other findings than a cold run")
        warm_runs = [run() for _ in range(args.runs)]
        if findings(out) != reference:
            sys.exit("a warm run reports other findings than a cold run")
        warm = statistics.median(r.wall for r in warm_runs)
        print(f"{'cold (--no-cache)':34} {cold:7.2f} s wall  {statistics.median(r.cpu for r in cold_runs):7.2f} s CPU")
        print(f"{'filling the cache':34} {fill.wall:7.2f} s wall  {fill.cpu:7.2f} s CPU")
        print(f"{'warm':34} {warm:7.2f} s wall  {statistics.median(r.cpu for r in warm_runs):7.2f} s CPU"
              f"  {warm / cold:6.1%} of cold")

        manifest = first_file(corpus, "kubernetes", (".yaml", ".yml"))
        compose = first_file(corpus, "compose", (".yml", ".yaml"))
        changed = {
            "one Kubernetes manifest changed": (manifest, "\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bench-{}\n"),
            "one compose .env changed": (compose and os.path.join(os.path.dirname(compose), ".env"), "BENCH_{}=1\n"),
        }
        for label, (path, text) in changed.items():
            if path is None:
                print(f"{label:34} (no such file in the corpus)")
                continue
            samples = []
            for number in range(args.runs):
                with open(path, "a", encoding="utf-8") as fh:
                    fh.write(text.format(number))
                samples.append(run())
            edited = findings(out)
            run("--no-cache")
            if findings(out) != edited:
                sys.exit(f"{label}: the cached run reports other findings than a cold run")
            wall = statistics.median(s.wall for s in samples)
            print(f"{label:34} {wall:7.2f} s wall  {statistics.median(s.cpu for s in samples):7.2f} s CPU"
                  f"  {wall / cold:6.1%} of cold  ({os.path.relpath(path, corpus)})")
        size = sum(os.path.getsize(os.path.join(root, f)) for root, _d, files in os.walk(cache_dir) for f in files)
        entries = sum(len(files) for _root, _d, files in os.walk(cache_dir))
        print(f"cache: {entries} entries, {size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
