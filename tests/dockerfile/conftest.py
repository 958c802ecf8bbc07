"""Fixtures for the Dockerfile parser, shell layer and rule tests."""

import pytest
from df_helpers import parse_dockerfile


@pytest.fixture
def parse():
    return parse_dockerfile
