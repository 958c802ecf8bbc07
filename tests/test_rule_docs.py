"""The checked-in rule pages (docs/rules/) are what the rules' metadata generates."""

import os

from lintkit.registry import all_rules
from lintkit.ruledocs import alias_reference, generate, references, rule_url

DOCS = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "docs", "rules")


def test_pages_are_current():
    pages = generate(all_rules())
    on_disk = sorted(os.listdir(DOCS))
    assert on_disk == sorted(pages), "run: python scripts/generate_rule_docs.py"
    stale = []
    for name, text in pages.items():
        with open(os.path.join(DOCS, name), encoding="utf-8") as fh:
            if fh.read() != text:
                stale.append(name)
    assert not stale, f"stale pages {stale[:10]}: run python scripts/generate_rule_docs.py"


def test_a_page_has_the_fixed_sections_and_where_the_example_lands():
    pages = generate([r for r in all_rules() if r.id == "DF008"])
    text = pages["DF008.md"]
    for heading in ("## What it does", "## Why it matters", "## Example", "What to write instead:", "## References"):
        assert heading in text
    assert "- line 2, column 13: `apt-get update` without an install in the same RUN" in text


def test_every_rule_has_a_reference():
    assert all(references(r) for r in all_rules() if r.kind)


def test_alias_pages():
    assert alias_reference("DL3008") == ("hadolint DL3008", "https://github.com/hadolint/hadolint/wiki/DL3008")
    assert alias_reference("ansible-lint:name[casing]")[1] == "https://ansible.readthedocs.io/projects/lint/rules/name/"
    assert alias_reference("buildkit:JSONArgsRecommended")[1] == (
        "https://docs.docker.com/reference/build-checks/json-args-recommended/"
    )
    assert alias_reference("CKV_K8S_14") is None
    assert rule_url("DF008").endswith("docs/rules/DF008.md")
