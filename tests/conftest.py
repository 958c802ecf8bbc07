"""Every test gets a cache folder of its own: the suite never writes to the user's
cache, and no test sees results another test left (tests that swap rules in do not
change the sources the cache fingerprints)."""

import pytest


@pytest.fixture(autouse=True)
def _own_cache_dir(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("LINTKIT_CACHE_DIR", str(tmp_path_factory.mktemp("lintkit-cache")))
