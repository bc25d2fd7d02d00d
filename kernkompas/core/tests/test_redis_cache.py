"""The Redis cache shares one client and connection pool per process (kernkompas/core/redis_cache.py), and the page
cache works on it: the set-up of several app servers."""

from __future__ import annotations

import contextvars
import os
import socket

import pytest
from django.core.cache import caches
from django.test import override_settings

from kernkompas.core import pagecache
from kernkompas.core.redis_cache import RedisCache

URL = os.environ.get("KERNKOMPAS_TEST_REDIS_URL", "redis://127.0.0.1:6379/14")


@pytest.fixture
def redis_url():
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        if os.environ.get("CI"):
            pytest.fail("CI has Redis at 127.0.0.1:6379")
        pytest.skip("no Redis at 127.0.0.1:6379")
    return URL


def test_caches_made_in_different_requests_share_one_client_and_its_connections(redis_url):
    # Django makes a cache object per request context; each used to open its own pool and connection.
    first = RedisCache(redis_url, {})
    second = contextvars.copy_context().run(RedisCache, redis_url, {})
    first.set("kernkompas-test", 41)
    assert second.get("kernkompas-test") == 41
    client = first._cache.get_client(write=True)
    assert second._cache.get_client(write=True) is client
    assert second._cache.get_client() is client  # one server: reads and writes share it
    before = len(client.connection_pool._available_connections) + len(client.connection_pool._in_use_connections)
    for _ in range(20):
        RedisCache(redis_url, {}).get("kernkompas-test")
    after = len(client.connection_pool._available_connections) + len(client.connection_pool._in_use_connections)
    assert after == before
    first.delete("kernkompas-test")


def test_the_page_cache_on_redis_finds_pages_by_the_shared_content_version(redis_url, client, cast):
    backend = {"BACKEND": "kernkompas.core.redis_cache.RedisCache", "LOCATION": redis_url}
    settings = {"default": {**backend, "KEY_PREFIX": "kk-test"}, "pages": {**backend, "KEY_PREFIX": "kk-test-pages"}}
    with override_settings(CACHES=settings, KERNKOMPAS_PAGE_CACHE_SECONDS=60):
        caches["default"].clear()
        try:
            assert client.get("/")[pagecache.HEADER] == "miss"
            assert client.get("/")[pagecache.HEADER] == "hit"
            pagecache.content_changed()  # another app server saw a write
            assert client.get("/")[pagecache.HEADER] == "miss"
        finally:
            caches["default"].clear()
