"""Start-up: one file in one process, lintkit beside the fastest specialist of its kind.

    python benchmarks/bench_one_file.py [--runs 15] [--kind dockerfile ...]

The pre-commit and save-hook case: ``lintkit check FILE`` (default rules, text report,
configuration discovery as a user gets it) against the specialist on the same file:
hadolint for a Dockerfile; compose-lint and dclint for a compose file; kubernetes-validate
for a manifest (kube-linter is not installed here); ``zizmor --offline`` for a workflow.
The file of each kind is the corpus file of median size (or ``--file KIND=PATH``). The runs
of the tools are interleaved, so a burst of load on the machine hits them alike; the script
prints the median wall and CPU time of each and lintkit's wall-time ratio to the fastest
specialist. Each tool runs once untimed first, and lintkit runs with its bytecode cached
(``PYTHONDONTWRITEBYTECODE`` is dropped from its environment), as ``pip install`` leaves
it: compiling ~100 rule modules from source would otherwise be half of the time measured.
The reference tools are looked up in /tmp/refvenv and /tmp/refnode (or
``$PATH``) and are never dependencies of lintkit.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys

from timing import Run, lintkit_command, timed, timed_lintkit

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.normpath(os.path.join(HERE, os.pardir, os.pardir, "shared", "corpus"))

#: kind -> (corpus folder, file-name test, specialists as (name, executable, arguments before FILE)).
KINDS = {
    "dockerfile": ("dockerfile", lambda name: "dockerfile" in name.lower(), [("hadolint", "hadolint", [])]),
    "compose": ("compose", lambda name: name.endswith((".yml", ".yaml")), [
        ("compose-lint", "compose-lint", []), ("dclint", "dclint", []),
    ]),
    "kubernetes": ("kubernetes", lambda name: name.endswith((".yml", ".yaml")), [
        ("kubernetes-validate", "kubernetes-validate", []),
    ]),
    "github-actions": ("github-actions", lambda name: name.endswith((".yml", ".yaml")), [
        ("zizmor", "zizmor", ["--offline"]),
    ]),
}  # fmt: skip


def find_tool(name: str) -> str | None:
    for candidate in (f"/tmp/refvenv/bin/{name}", f"/tmp/refnode/node_modules/.bin/{name}", shutil.which(name)):
        if candidate and os.path.exists(candidate):
            return candidate
    return None


def median_file(kind: str) -> str:
    folder, wanted, _ = KINDS[kind]
    files = sorted(
        (os.path.getsize(path), path)
        for root, _, names in os.walk(os.path.join(CORPUS, folder))
        for name in names
        if wanted(name) and kind_of(path := os.path.join(root, name)) == kind
    )
    return files[len(files) // 2][1]


def kind_of(path: str) -> str | None:
    from lintkit.kinds import kind_from_name

    named = kind_from_name(path)
    if named is not None or not path.endswith((".yml", ".yaml")):
        return named
    with open(path, encoding="utf-8", errors="replace") as fh:
        text = fh.read()
    # A manifest (the kubernetes folder also holds kustomizations and Helm values).
    return "kubernetes" if "\napiVersion:" in f"\n{text}" and "\nkind:" in f"\n{text}" else None


def median(samples: list[Run]) -> tuple[float, float]:
    return statistics.median(s.wall for s in samples), statistics.median(s.cpu for s in samples)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--kind", action="append", choices=sorted(KINDS))
    parser.add_argument("--file", action="append", default=[], metavar="KIND=PATH")
    options = parser.parse_args()
    chosen = dict(entry.split("=", 1) for entry in options.file)
    lintkit = lintkit_command()
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    print(f"{'kind':15} {'tool':20} {'wall ms':>8} {'cpu ms':>8}  ratio (lintkit wall / specialist wall)")
    for kind in options.kind or list(KINDS):
        path = os.path.abspath(chosen.get(kind) or median_file(kind))
        specialists = [(name, tool, args) for name, exe, args in KINDS[kind][2] if (tool := find_tool(exe))]
        samples: dict[str, list[Run]] = {"lintkit": [], **{name: [] for name, _, _ in specialists}}
        cwd = os.path.dirname(path)
        timed_lintkit([*lintkit, "check", path], cwd=cwd, env=env)
        for _, tool, args in specialists:
            timed([tool, *args, path], cwd=cwd)
        for _ in range(options.runs):
            samples["lintkit"].append(timed_lintkit([*lintkit, "check", path], cwd=cwd, env=env))
            for name, tool, args in specialists:
                samples[name].append(timed([tool, *args, path], cwd=cwd))
        ours = median(samples["lintkit"])
        print(f"{kind:15} {'lintkit':20} {ours[0] * 1000:8.0f} {ours[1] * 1000:8.0f}  "
              f"({os.path.relpath(path, CORPUS)}, {os.path.getsize(path):,} bytes)")  # fmt: skip
        for name, _, _ in specialists:
            theirs = median(samples[name])
            print(f"{'':15} {name:20} {theirs[0] * 1000:8.0f} {theirs[1] * 1000:8.0f}  {ours[0] / theirs[0]:.2f}x")
        if not specialists:
            print(f"{'':15} (no specialist found)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
