"""Property-based fuzzing: mutants of every rule's documented examples, of all six kinds,
never cause an internal error. Each mutant runs through the whole command (stdin, every
rule, a report) in this process; the budget is small and the examples derandomized, so
CI runs the same mutants every time. ``scripts/fuzz_mutants.py`` runs the long campaign
over the corpus."""

from __future__ import annotations

import os
import random

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lintkit.cli import main
from lintkit.fuzzing import FORMATS, FUZZ_IGNORE, mutate
from lintkit.model import KINDS
from lintkit.registry import rules_for_kind
from lintkit.testing import DEFAULT_FILENAMES

#: Mutants per kind.
EXAMPLES = 60

def _snippets(kind: str) -> list[tuple[str, bytes]]:
    """(file name, text) of the bad and good examples of the kind's rules."""
    found = {}
    for rule in rules_for_kind(kind):
        for example in rule.examples:
            filename = example.filename or DEFAULT_FILENAMES[kind]
            for text in (example.bad, example.good):
                found[(filename, text)] = None
    return [(name, text.encode()) for name, text in found]


@pytest.mark.parametrize("kind", KINDS)
def test_mutants_of_the_rule_examples_cause_no_internal_error(kind, tmp_path):
    snippets = _snippets(kind)
    runner = CliRunner()

    @settings(max_examples=EXAMPLES, derandomize=True, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
    @given(index=st.integers(0, len(snippets) - 1), seed=st.integers(0, 2**32 - 1),
           output_format=st.sampled_from(FORMATS))
    def lint_one_mutant(index, seed, output_format):
        filename, text = snippets[index]
        mutant = mutate(text, random.Random(seed))
        result = runner.invoke(main, [
            "check", "--isolated", "--select", "ALL", "--ignore", ",".join(FUZZ_IGNORE), "--kind", kind,
            "--format", output_format, "--stdin-filename", filename, "-",
        ], input=mutant.data)
        assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
        errors = [line for line in result.stderr.splitlines() if "internal error" in line]
        assert not errors, (filename, mutant.operations, errors)
        assert result.exit_code in (0, 1), result.stderr

    old = os.getcwd()
    os.chdir(tmp_path)  # sibling files a rule reads (.env, includes) resolve in an empty folder
    try:
        lint_one_mutant()
    finally:
        os.chdir(old)
