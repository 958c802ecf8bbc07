"""Every rule's documented examples hold: the bad one fires the rule, the good one does not.

The examples are the documentation (`lintkit explain`, SARIF help), so this keeps the docs
and the behaviour from drifting apart.
"""

import pytest

from lintkit.registry import all_rules
from lintkit.testing import lint_example

RULES = all_rules()
CASES = [(r, i) for r in RULES for i in range(len(r.examples))]


def _id(case):
    r, i = case
    return f"{r.id}-{r.name}-{i}"


@pytest.mark.parametrize("case", CASES, ids=[_id(c) for c in CASES])
def test_bad_example_fires(case):
    rule, index = case
    findings = lint_example(rule, rule.examples[index], "bad")
    assert findings, f"{rule.id} {rule.name}: documented bad example produced no finding"


@pytest.mark.parametrize("case", CASES, ids=[_id(c) for c in CASES])
def test_good_example_is_clean(case):
    rule, index = case
    findings = lint_example(rule, rule.examples[index], "good")
    assert not findings, f"{rule.id} {rule.name}: good example fired: {[f.message for f in findings]}"


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_metadata_is_complete(rule):
    assert rule.examples, f"{rule.id} has no documented example"
    assert rule.summary and rule.rationale and rule.tags
    assert rule.name == rule.name.lower() and " " not in rule.name


def test_ids_and_names_are_unique():
    ids = [r.id for r in RULES]
    names = [r.name for r in RULES]
    assert len(ids) == len(set(ids))
    # Names are unique within a kind; the same concept may exist for two kinds.
    pairs = [(r.kind, r.name) for r in RULES]
    assert len(pairs) == len(set(pairs)), sorted(p for p in pairs if pairs.count(p) > 1)
