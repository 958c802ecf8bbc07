"""Tests marked ``corpus`` run over ``../shared`` (the corpus and the seed examples):
without it they are skipped, saying where it was looked for. Nothing else skips."""

import os

import pytest
from shared_folder import SHARED


def pytest_collection_modifyitems(config, items):
    if os.path.isdir(SHARED):
        return
    skip = pytest.mark.skip(reason=f"needs the shared corpus and seeds at {SHARED} (../shared beside the repository)")
    for item in items:
        if item.get_closest_marker("corpus") is not None:
            item.add_marker(skip)
