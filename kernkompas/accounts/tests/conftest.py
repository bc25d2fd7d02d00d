import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """Rate-limit counters live in the (local-memory) cache; every test starts with none."""
    cache.clear()
    yield
    cache.clear()
