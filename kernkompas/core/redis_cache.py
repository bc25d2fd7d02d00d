"""Django's Redis cache, with one connection pool and one Redis client per process instead of new ones per request.

Django keeps a cache object per thread *and per context* (``asgiref.local.Local``), and the server runs each
request in a fresh context (``kernkompas/asgi.py``), so every request built its own ``RedisCacheClient``, its own
connection pool and a new TCP connection to Redis; and ``get_client`` built a new ``redis.Redis`` object (with some
170 response callbacks) on every call. An empty request went from 1,658 to 241 requests/s with ``REDIS_URL`` set
(bench/served_bench.py, issue 15). Here the pools and clients live once per process, keyed by the server address
and options: a ``redis.Redis`` client is safe to share between threads, its pool hands each command a connection,
and redis-py makes a new pool's connections after a fork.
"""

from __future__ import annotations

import threading

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient

_clients: dict[tuple, object] = {}
_lock = threading.Lock()


class SharedClient(RedisCacheClient):
    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        shared = (self._servers[index], repr(sorted(self._pool_options.items(), key=lambda item: item[0])))
        client = _clients.get(shared)
        if client is None:
            with _lock:
                client = _clients.get(shared)
                if client is None:
                    pool = self._pool_class.from_url(self._servers[index], **self._pool_options)
                    client = _clients[shared] = self._client(connection_pool=pool)
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = SharedClient
