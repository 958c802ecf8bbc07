"""Over the real-world corpus (2,649 files, some broken or templated on purpose): no
internal error, and every file in a kind's folder is linted (as that kind, or reported as
unparsable) — nothing of a known kind is skipped silently.

Skipped where ../shared/corpus is not present (CI on a bare checkout).
"""

import os

import pytest

from lintkit.discover import discover
from lintkit.engine import RunOptions, run
from lintkit.registry import Selection

CORPUS = os.path.normpath(
    os.environ.get("LINTKIT_CORPUS", os.path.join(os.path.dirname(__file__), os.pardir, os.pardir, "shared", "corpus"))
)
pytestmark = pytest.mark.corpus


@pytest.fixture(scope="module")
def corpus_run():
    return run(discover([CORPUS]).targets, RunOptions(selection=Selection(["ALL"], []), jobs=2))


def test_no_internal_errors(corpus_run):
    assert corpus_run.errors == []


def test_every_helm_template_gets_a_finding(corpus_run):
    templates = os.path.join(CORPUS, "helm-templates")
    yaml_files = {
        os.path.join(root, name)
        for root, _dirs, names in os.walk(templates)
        for name in names
        if name.endswith((".yaml", ".yml"))
    }
    flagged = {f.path for f in corpus_run.findings if f.path in yaml_files}
    unflagged = sorted(os.path.relpath(p, CORPUS) for p in yaml_files - flagged)
    assert not unflagged, unflagged[:10]
