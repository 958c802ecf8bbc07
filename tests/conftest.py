"""Every test gets a cache folder of its own: the suite never writes to the user's
cache, and no test sees results another test left (tests that swap rules in do not
change the sources the cache fingerprints).

Tests marked ``corpus`` run over ``../shared`` (the corpus and the seed examples):
without it they are skipped, saying where it was looked for. Nothing else skips."""

import os

import pytest
from shared_folder import SHARED


@pytest.fixture(autouse=True)
def _own_cache_dir(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("LINTKIT_CACHE_DIR", str(tmp_path_factory.mktemp("lintkit-cache")))


def pytest_collection_modifyitems(config, items):
    if os.path.isdir(SHARED):
        return
    skip = pytest.mark.skip(reason=f"needs the shared corpus and seeds at {SHARED} (../shared beside the repository)")
    for item in items:
        if item.get_closest_marker("corpus") is not None:
            item.add_marker(skip)
