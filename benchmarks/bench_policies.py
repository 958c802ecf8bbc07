#!/usr/bin/env python3
"""What policies cost: lintkit over the Kubernetes corpus with no policy and with ten.

The ten are the five of examples/policies (trusted registry, team label, no privileged
container, no Docker socket, memory limits) and five more of the same subjects (an image
digest, a numeric user, no added capabilities, a CPU limit, an `app` label), all selected.
Runs alternate, cold processes, and the medians are reported with the ratio; the issue's
target is at most 1.5x.

    python benchmarks/bench_policies.py [DIR] [--runs 7]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import tempfile

from timing import lintkit_command, timed_lintkit

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_CORPUS = os.path.join(HERE, os.pardir, os.pardir, "shared", "corpus", "kubernetes")
EXAMPLES = os.path.join(HERE, os.pardir, "examples", "policies")

MORE = """\
policies:
  - {id: BENCH001, name: image-digest, severity: info, subject: image, message: pin by digest,
     assert: 'image.digest != ""'}
  - {id: BENCH002, name: numeric-user, severity: info, subject: container, message: numeric user,
     assert: 'container.user.matches("^[0-9]+$")'}
  - {id: BENCH003, name: no-added-capabilities, severity: info, subject: container, message: no capabilities,
     assert: 'size(container.capabilities_added) == 0'}
  - {id: BENCH004, name: cpu-limit, severity: info, subject: container, kinds: [kubernetes], message: cpu limit,
     assert: '"cpu" in container.limits'}
  - {id: BENCH005, name: app-label, severity: info, subject: object, kinds: [kubernetes], message: app label,
     where: 'object.kind == "Deployment"',
     assert: 'has(object.metadata.labels) && "app" in object.metadata.labels'}
"""
SELECT = "ACME001,ACME002,ACME003,ACME004,ACME005,BENCH001,BENCH002,BENCH003,BENCH004,BENCH005"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default=DEFAULT_CORPUS)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    lintkit = lintkit_command()
    with tempfile.TemporaryDirectory(prefix="lintkit-bench-policies-") as folder:
        for name in os.listdir(EXAMPLES):
            shutil.copy(os.path.join(EXAMPLES, name), folder)
        with open(os.path.join(folder, "more.yaml"), "w", encoding="utf-8") as fh:
            fh.write(MORE)
        base = [*lintkit, "check", "--isolated", "--no-cache", "--format", "json", "--jobs", "1", args.corpus]
        with_policies = [*base, "--policy", folder, "--select", "kubernetes," + SELECT]
        without = [*base, "--select", "kubernetes"]
        plain, policed = [], []
        for _ in range(args.runs):
            plain.append(timed_lintkit(without))
            policed.append(timed_lintkit(with_policies))
    for label, runs in (("no policies", plain), ("10 policies", policed)):
        wall = statistics.median(r.wall for r in runs)
        cpu = statistics.median(r.cpu for r in runs)
        print(f"{label:12} wall {wall:.3f} s  cpu {cpu:.3f} s  (median of {len(runs)})")
    ratio = statistics.median(r.wall for r in policed) / statistics.median(r.wall for r in plain)
    print(f"ratio {ratio:.2f}x (target <= 1.5x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
