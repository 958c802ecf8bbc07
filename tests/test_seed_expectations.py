"""What a user of the course notes expects lintkit to say about the seed examples.

Each entry of ../shared/examples/seeds/expectations.json must be reported by
`lintkit check --select ALL --isolated <seeds>`: in that file, at that line (±1; any line
when the entry says null) and, when the entry lists aliases, by a rule carrying one of them.
The seeds live beside the repository; the test is skipped where they are not present.
"""

import json
import os

import pytest

from lintkit.discover import discover
from lintkit.engine import RunOptions, run
from lintkit.registry import Selection

SEEDS = os.environ.get(
    "LINTKIT_SEEDS",
    os.path.join(os.path.dirname(__file__), os.pardir, os.pardir, "shared", "examples", "seeds"),
)
pytestmark = pytest.mark.corpus


def load_expectations():
    if not os.path.isdir(SEEDS):
        return []
    with open(os.path.join(SEEDS, "expectations.json")) as fh:
        return json.load(fh)


@pytest.fixture(scope="module")
def findings_by_file():
    targets = discover([SEEDS]).targets
    result = run(targets, RunOptions(selection=Selection(["ALL"], []), jobs=1))
    assert not result.errors, result.errors
    by_file = {}
    for f in result.findings:
        by_file.setdefault(os.path.relpath(f.path, SEEDS).replace(os.sep, "/"), []).append(f)
    return by_file


EXPECTATIONS = load_expectations()


@pytest.mark.parametrize(
    "entry", EXPECTATIONS, ids=[f"{e['file']}:{e['line']}:{e['concept']}" for e in EXPECTATIONS]
)
def test_expectation_is_reported(entry, findings_by_file):
    candidates = findings_by_file.get(entry["file"], [])
    if entry["line"] is not None:
        candidates = [f for f in candidates if abs(f.span.line - entry["line"]) <= 1]
    if entry["aliases"]:
        wanted = {a.lower() for a in entry["aliases"]}
        candidates = [f for f in candidates if wanted & {a.lower() for a in f.aliases}]
    assert candidates, (
        f"nothing reported for {entry['concept']} in {entry['file']} at line {entry['line']}"
        f" (aliases {entry['aliases']}); reported there: "
        + "; ".join(f"{f.line}:{f.rule} {f.name}" for f in findings_by_file.get(entry["file"], []))
    )


def test_every_seed_file_of_a_known_kind_is_linted():
    targets = discover([SEEDS]).targets
    result = run(targets, RunOptions(selection=Selection(["ALL"], []), jobs=1))
    linted = sum(result.files.values())
    assert linted >= len({e["file"] for e in EXPECTATIONS})
