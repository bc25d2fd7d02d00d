"""Settings for the test suite: fast hashing, in-memory cache, mail kept in memory."""

import os
import tempfile

os.environ.setdefault("KERNKOMPAS_HOME", tempfile.mkdtemp(prefix="kernkompas-test-"))

from kernkompas.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"},
}
# Off in the suite: a test that reads a page, changes data inside its transaction and reads again would otherwise
# see the page drawn before (the content version changes on commit). core/tests/test_pagecache.py switches it on.
KERNKOMPAS_PAGE_CACHE_SECONDS = 0
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
# Each case view is written at once, so a test reads it back right away (vitrine/actions/view_counts.py).
VITRINE_VIEW_COUNT_SECONDS = 0

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # The test database is a file, as in production, not SQLite's shared in-memory database: there a read in one
    # thread while another writes fails at once with "database table is locked" (shared-cache locks wait for
    # nothing), which the browser tests met when a live server, a background sender and the test itself touched
    # the same table. In a file, WAL and the busy timeout behave as they do on a real site.
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / "test.sqlite3")}  # noqa: F405
