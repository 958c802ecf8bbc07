"""A mutation campaign over the corpus: no mutant may crash a rule, hang or exhaust memory.

    python scripts/fuzz_mutants.py --mutants 50000            # ../shared/corpus, every core
    python scripts/fuzz_mutants.py --mutants 500 --seed 7 --workers 1

Mutant ``i`` is file ``i mod N`` of the corpus after the mutations ``lintkit.fuzzing.mutate``
draws from a generator seeded with ``(seed, i)``, so a run is reproducible and a mutant
can be rebuilt from its number. Each is linted in a worker process (forked, lintkit
already imported) with every rule and rendered in every format (its time is that of
linting plus the slowest format: the slowest `lintkit check` of it); the parent kills a worker
whose mutant runs past ``--timeout`` and starts another. The report: mutants run, internal
errors by class (exception type, rule, innermost lintkit frame), runs over ``--slow``
seconds, hangs, and the workers' peak resident memory. For each class the first mutant is
saved under the output folder with its traceback, to reproduce with
``lintkit check --isolated --select ALL <file>``.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import re
import resource
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from lintkit.discover import discover
from lintkit.fuzzing import lint_mutant, mutate

ROOT = Path(__file__).resolve().parent.parent
#: Innermost frame of a traceback in lintkit's own code.
_FRAME = re.compile(r'File "([^"]*(?:lintkit|rules)/[^"]+)", line (\d+), in (\S+)')
#: A worker is replaced after this many mutants, so that its peak memory is measured
#: over a bounded stretch and one mutant's growth is not hidden by an earlier one's.
MUTANTS_PER_WORKER = 2000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--mutants", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds before a mutant counts as a hang")
    parser.add_argument("--slow", type=float, default=10.0, help="seconds over which a run is reported")
    parser.add_argument("--out", type=Path, help="where reproducers go (default: a new temporary folder)")
    args = parser.parse_args()

    out = args.out or Path(tempfile.mkdtemp(prefix="lintkit-fuzz-"))
    out.mkdir(parents=True, exist_ok=True)
    targets = [t for t in discover([str(args.corpus)]).targets]
    files = [(t.path, t.kind, t.claimed, Path(t.path).read_bytes()) for t in targets]
    print(f"{len(files)} corpus files, {args.mutants} mutants, seed {args.seed}, {args.workers} workers; reproducers in {out}", flush=True)

    _warm_up(files)
    campaign = _Campaign(files, args, out)
    started = time.monotonic()
    campaign.run()
    campaign.report(time.monotonic() - started)
    return 1 if campaign.failures or campaign.hangs or campaign.slow else 0


def _warm_up(files) -> None:
    """Lint one file of each kind before forking: the workers inherit every module a run
    imports (and share its memory), and edits to the source during a long campaign do not
    reach it."""
    seen = set()
    for path, kind, claimed, data in files:
        if kind not in seen:
            seen.add(kind)
            lint_mutant(path, kind, data, claimed=claimed)


def build_mutant(files, seed: int, index: int):
    path, kind, claimed, data = files[index % len(files)]
    return path, kind, claimed, mutate(data, random.Random(f"{seed}:{index}"))


def _worker(connection, files, seed: int) -> None:
    while True:
        index = connection.recv()
        if index is None:
            return
        path, kind, claimed, mutant = build_mutant(files, seed, index)
        started = time.monotonic()
        try:
            outcome = lint_mutant(path, kind, mutant.data, claimed=claimed)
            found = [(f.exception, f.rule, f.message) for f in outcome.failures]
            # What the slowest `lintkit check` of this file takes: linting and one format.
            elapsed = outcome.lint_seconds + outcome.render_seconds
        except Exception as exc:  # outside what lint_mutant reports: the run itself broke
            import traceback

            found = [(type(exc).__name__, "(run)", "".join(traceback.format_exception(exc)))]
            elapsed = time.monotonic() - started
        peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        connection.send((index, elapsed, found, peak_kib))


class _Worker:
    def __init__(self, context, files, seed):
        self.connection, child = context.Pipe()
        self.process = context.Process(target=_worker, args=(child, files, seed), daemon=True)
        self.process.start()
        child.close()
        self.index: int | None = None
        self.started = 0.0
        self.done = 0

    def give(self, index: int) -> None:
        self.index, self.started = index, time.monotonic()
        self.connection.send(index)

    def stop(self) -> None:
        try:
            self.connection.send(None)
        except OSError:
            pass
        self.process.join(5)
        if self.process.is_alive():
            self.process.kill()

    def kill(self) -> None:
        self.process.kill()
        self.process.join()


class _Campaign:
    def __init__(self, files, args, out: Path):
        self.files, self.args, self.out = files, args, out
        self.context = multiprocessing.get_context("fork")
        self.failures: Counter[tuple[str, str, str]] = Counter()
        self.examples: dict[tuple[str, str, str], int] = {}
        self.slow: list[tuple[float, int]] = []
        self.hangs: list[int] = []
        self.peak_kib = 0
        self.peak_index: int | None = None
        self.completed = 0
        self.slowest = (0.0, -1)

    def run(self) -> None:
        pending = iter(range(self.args.mutants))
        workers = [_Worker(self.context, self.files, self.args.seed) for _ in range(self.args.workers)]
        for worker in workers:
            self._feed(worker, pending)
        last_note = time.monotonic()
        while any(w.index is not None for w in workers):
            ready = multiprocessing.connection.wait([w.connection for w in workers if w.index is not None], timeout=1.0)
            for position, worker in enumerate(workers):
                if worker.index is None:
                    continue
                if worker.connection in ready:
                    try:
                        index, elapsed, found, peak_kib = worker.connection.recv()
                    except EOFError:  # the worker died (killed by the kernel, a crash in C)
                        self._record(worker.index, [("WorkerDied", "(run)", "the worker process died")])
                        workers[position] = worker = self._replace(worker)
                        self._feed(worker, pending)
                        continue
                    self._finish(index, elapsed, found, peak_kib)
                    worker.done += 1
                    if worker.done >= MUTANTS_PER_WORKER:
                        worker.stop()
                        workers[position] = worker = _Worker(self.context, self.files, self.args.seed)
                    worker.index = None
                    self._feed(worker, pending)
                elif time.monotonic() - worker.started > self.args.timeout:
                    self.hangs.append(worker.index)
                    self._save(worker.index, f"hang-{worker.index}", "no result within the timeout\n")
                    workers[position] = worker = self._replace(worker)
                    self._feed(worker, pending)
            if time.monotonic() - last_note > 60:
                last_note = time.monotonic()
                print(f"  {self.completed} done, {sum(self.failures.values())} internal errors, {len(self.hangs)} hangs", flush=True)
        for worker in workers:
            worker.stop()

    def _replace(self, worker: _Worker) -> _Worker:
        worker.kill()
        return _Worker(self.context, self.files, self.args.seed)

    def _feed(self, worker: _Worker, pending) -> None:
        index = next(pending, None)
        worker.index = None
        if index is not None:
            worker.give(index)

    def _finish(self, index: int, elapsed: float, found, peak_kib: int) -> None:
        self.completed += 1
        if elapsed > self.slowest[0]:
            self.slowest = (elapsed, index)
        if elapsed > self.args.slow:
            self.slow.append((elapsed, index))
            self._save(index, f"slow-{index}", f"{elapsed:.1f} s\n")
        if peak_kib > self.peak_kib:
            self.peak_kib, self.peak_index = peak_kib, index
        if found:
            self._record(index, found)

    def _record(self, index: int, found) -> None:
        for exception, rule, message in found:
            frames = _FRAME.findall(message)
            location = f"{Path(frames[-1][0]).name}:{frames[-1][1]} in {frames[-1][2]}" if frames else "?"
            key = (exception, rule or "(engine)", location)
            self.failures[key] += 1
            if key not in self.examples:
                self.examples[key] = index
                self._save(index, f"error-{len(self.examples):03d}", message)

    def _save(self, index: int, name: str, note: str) -> None:
        path, _kind, _claimed, mutant = build_mutant(self.files, self.args.seed, index)
        folder = self.out / name
        folder.mkdir(parents=True, exist_ok=True)
        (folder / Path(path).name).write_bytes(mutant.data)
        (folder / "README.txt").write_text(
            f"mutant {index} (seed {self.args.seed}) of {path}\nmutations: {', '.join(mutant.operations)}\n\n{note}",
            encoding="utf-8",
        )

    def report(self, seconds: float) -> None:
        print(f"\n{self.completed} mutants linted in {seconds:.0f} s; peak RSS of a worker {self.peak_kib / 1024:.0f} MiB (after mutant {self.peak_index})")
        print(f"slowest run {self.slowest[0]:.2f} s (mutant {self.slowest[1]}); {len(self.slow)} over {self.args.slow:g} s; {len(self.hangs)} hangs (over {self.args.timeout:g} s)")
        for elapsed, index in sorted(self.slow, reverse=True)[:20]:
            print(f"  slow: mutant {index} of {build_mutant(self.files, self.args.seed, index)[0]}: {elapsed:.1f} s")
        for index in self.hangs[:20]:
            print(f"  hang: mutant {index} of {build_mutant(self.files, self.args.seed, index)[0]}")
        print(f"{sum(self.failures.values())} internal errors in {len(self.failures)} classes")
        for (exception, rule, location), count in self.failures.most_common():
            index = self.examples[(exception, rule, location)]
            print(f"  {count:6}  {exception}  {rule}  {location}  (e.g. mutant {index} of {build_mutant(self.files, self.args.seed, index)[0]})")
        print(f"reproducers: {self.out}")


if __name__ == "__main__":
    sys.exit(main())
