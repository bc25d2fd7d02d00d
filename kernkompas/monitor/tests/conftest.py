"""Fixtures shared by the Kernmonitor's tests."""

import pytest

from kernkompas.monitor.tests.dashboard_fixtures import make_register_public


@pytest.fixture
def public_register(cast):
    """Maasdijk's Marktplein made public, with the two counts of dashboard_fixtures."""
    return make_register_public(cast)
