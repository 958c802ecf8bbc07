import pytest

from lintkit import registry


@pytest.fixture(autouse=True)
def _no_policies_left_registered():
    """A test's policies are registered in this process's plugin manager: remove them, so
    the next test (and other test modules) see only the installed rules."""
    yield
    registry.unregister_extra_plugin("policies")
