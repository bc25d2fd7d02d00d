"""Fixtures shared by the Kernmonitor's tests."""

import pytest

from kernkompas.monitor.tests.dashboard_fixtures import load_register


@pytest.fixture
def public_register(cast):
    """Maasdijk's Marktplein made public, with the two counts of dashboard_fixtures."""
    cast.markt.is_public = True
    cast.markt.save()
    load_register(cast.markt)
    return cast
