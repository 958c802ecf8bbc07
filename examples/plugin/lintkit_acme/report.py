"""``--format acme-count``: one line per rule with its number of findings."""

from collections import Counter


def render(report, stream, color=False):
    counts = Counter(f.rule for f in report.findings)
    for rule_id, count in sorted(counts.items()):
        stream.write(f"{rule_id} {count}\n")
