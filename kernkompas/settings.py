"""Settings for Kernkompas, read from the environment (see README, "Configuratie").

Embedded default: SQLite in a per-user data folder, media beside it. ``DATABASE_URL`` selects PostgreSQL.
"""

from __future__ import annotations

import secrets
from pathlib import Path

import dj_database_url
import platformdirs
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from kernkompas.conf import env_bool, env_int, env_list, env_path, env_str
from kernkompas.lib import csp as csp_policy

PACKAGE_DIR = Path(__file__).resolve().parent

# --- Data folder -------------------------------------------------------------------------------------------
DATA_DIR = env_path("KERNKOMPAS_HOME", Path(platformdirs.user_data_dir("kernkompas", appauthor=False)))
DATA_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    configured = env_str("KERNKOMPAS_SECRET_KEY")
    if configured:
        return configured
    # Embedded default: one random key per installation, kept in the data folder so sessions survive restarts.
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50), encoding="utf-8")
        key_file.chmod(0o600)
    return key_file.read_text(encoding="utf-8").strip()


SECRET_KEY = _secret_key()
DEBUG = env_bool("KERNKOMPAS_DEBUG", False)
ALLOWED_HOSTS = env_list("KERNKOMPAS_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("KERNKOMPAS_CSRF_TRUSTED_ORIGINS", [])
BASE_URL = env_str("KERNKOMPAS_BASE_URL", "http://127.0.0.1:8000").rstrip("/")

# --- Applications ------------------------------------------------------------------------------------------
INSTALLED_APPS = [
    "kernkompas.core",
    "kernkompas.site",
    "kernkompas.accounts",
    "kernkompas.places",
    "kernkompas.vitrine",
    "kernkompas.monitor",
    "kernkompas.dna",
    "kernkompas.labs",
    "kernkompas.learning",
    "kernkompas.api",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "ninja",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "kernkompas.core.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Public pages for anonymous visitors from the cache (exact invalidation: kernkompas/core/pagecache.py), kept
    # as they go on the wire: outside the compression, which is outside everything that draws the page.
    "kernkompas.core.pagecache.VisitorPageCacheMiddleware",
    "kernkompas.core.compression.CompressionMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "kernkompas.urls"
WSGI_APPLICATION = "kernkompas.wsgi.application"
ASGI_APPLICATION = "kernkompas.asgi.application"
# ``kernkompas serve`` runs the ASGI application (the Binnenstadslab's live streams). Requests other than streams are
# answered at most KERNKOMPAS_CONCURRENCY at once per process (each holds a thread and a database connection);
# KERNKOMPAS_LIVE_CHANNEL: how the processes tell each other a lab has news (kernkompas/labs/live.py):
# auto | local | postgres | redis.
KERNKOMPAS_CONCURRENCY = env_int("KERNKOMPAS_CONCURRENCY", 32, minimum=1)
KERNKOMPAS_LIVE_CHANNEL = env_str("KERNKOMPAS_LIVE_CHANNEL", "auto")
if KERNKOMPAS_LIVE_CHANNEL not in {"auto", "local", "postgres", "redis"}:
    raise ImproperlyConfigured("KERNKOMPAS_LIVE_CHANNEL must be auto, local, postgres or redis.")

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kernkompas.site.context_processors.site",
            ],
        },
    },
]

# --- Database ----------------------------------------------------------------------------------------------
DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    try:
        DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)}
    except Exception as exc:  # dj_database_url raises several types for a malformed URL
        raise ImproperlyConfigured(f"DATABASE_URL is not a database address Kernkompas understands: {exc}") from exc
    if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
        DATABASES["default"].setdefault("OPTIONS", {})
else:
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": DATA_DIR / "kernkompas.sqlite3"}}

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several users write at once: WAL lets readers go on during a write, the busy timeout makes a writer wait
    # for the lock instead of failing, and IMMEDIATE takes the write lock at BEGIN so two transactions never
    # deadlock upgrading a read lock.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        "transaction_mode": "IMMEDIATE",
        "timeout": env_int("KERNKOMPAS_SQLITE_TIMEOUT", 20, minimum=1),
        **DATABASES["default"].get("OPTIONS", {}),
    }
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache -------------------------------------------------------------------------------------------------
REDIS_URL = env_str("REDIS_URL")
# Public pages kept for anonymous visitors (kernkompas/core/pagecache.py): at most this long; any change to the data
# replaces them at once. 0 switches the page cache off.
KERNKOMPAS_PAGE_CACHE_SECONDS = env_int("KERNKOMPAS_PAGE_CACHE_SECONDS", 60, minimum=0)
if REDIS_URL:
    # One cache for all app servers: rate limits, the content version and the pages themselves.
    CACHES = {
        "default": {"BACKEND": "kernkompas.core.redis_cache.RedisCache", "LOCATION": REDIS_URL},
        "pages": {
            "BACKEND": "kernkompas.core.redis_cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "pages",
        },
    }
else:
    # A file cache is shared by all worker processes of one machine, which rate limits and the content version
    # need. The pages themselves are kept in each process's memory (bounded), found by that shared version.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(DATA_DIR / "cache"),
        },
        "pages": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "kernkompas-pages",
            "OPTIONS": {"MAX_ENTRIES": 2000},
        },
    }

# The Vitrine's view counters are written every this many seconds, not on every visit (vitrine/actions/view_counts.py).
VITRINE_VIEW_COUNT_SECONDS = env_int("KERNKOMPAS_VIEW_COUNT_SECONDS", 10, minimum=0)

# --- Accounts ----------------------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "kernkompas.accounts.backends.EmailOrUsernameBackend",
    # Model permissions come from roles (one table in accounts/backends.py), not from per-user rows.
    "kernkompas.accounts.backends.RoleBackend",
]
LOGIN_URL = "accounts:login"
# Each role lands on its work (site/workspace_views.py: landing); a "next" in the log-in still wins.
LOGIN_REDIRECT_URL = "site:landing"
LOGOUT_REDIRECT_URL = "site:home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- HTTPS, cookies and browser security headers ------------------------------------------------------------
# The defaults suit the embedded default on http://127.0.0.1. The production values are listed in the README
# ("Production") and docs/security.md; with them, `kernkompas check --deploy` reports no issue (a test runs it).
BEHIND_PROXY = env_bool("KERNKOMPAS_BEHIND_PROXY", False)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    USE_X_FORWARDED_HOST = True
SECURE_SSL_REDIRECT = env_bool("KERNKOMPAS_SSL_REDIRECT", False)
if SECURE_SSL_REDIRECT and not BEHIND_PROXY:
    # kernkompas serve speaks plain HTTP; only the proxy's X-Forwarded-Proto says a request came over HTTPS.
    raise ImproperlyConfigured(
        "KERNKOMPAS_SSL_REDIRECT=true needs KERNKOMPAS_BEHIND_PROXY=true: Kernkompas learns that a request came "
        "over HTTPS only from the X-Forwarded-Proto header of the proxy in front of it, so without it every page "
        "would redirect to itself."
    )
# Strict-Transport-Security, sent on HTTPS responses only. 0 (off) by default: a browser that has seen it
# refuses plain HTTP for that long, which must be a deliberate choice for the real host name.
SECURE_HSTS_SECONDS = env_int("KERNKOMPAS_HSTS_SECONDS", 0, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("KERNKOMPAS_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("KERNKOMPAS_HSTS_PRELOAD", False)
SESSION_COOKIE_SECURE = env_bool("KERNKOMPAS_SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_HTTPONLY = True  # no script reads it; the language switch is a form
# Lax, not Strict: someone who follows a link in an e-mail (an alert, a shared case) arrives logged in. Lax
# still keeps the cookies off cross-site POSTs, frames and images; CSRF tokens guard the forms as well.
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# No page may be framed, against clickjacking. Wagtail's editor previews a page in a frame of its own origin:
# its preview views set SAMEORIGIN on their responses themselves (wagtail.utils.decorators), which this keeps.
X_FRAME_OPTIONS = "DENY"
# Rate limits of public forms (kernkompas/core/ratelimit.py has the defaults). The Kern-DNA's public survey counts
# responses per client address and hour: generous (300), because people at one event (the presentation in the
# core, on the venue's Wi-Fi), on one network or behind one mobile operator's address share it.
# KERNKOMPAS_SURVEY_RATELIMIT changes it (the load bench raises it).
RATELIMITS = {"dna_survey": (env_int("KERNKOMPAS_SURVEY_RATELIMIT", 300, minimum=1), 60 * 60)}

# --- E-mail: printed to the console unless SMTP is configured ---------------------------------------------
EMAIL_HOST = env_str("KERNKOMPAS_EMAIL_HOST")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("KERNKOMPAS_EMAIL_PORT", 587, minimum=1)
    EMAIL_HOST_USER = env_str("KERNKOMPAS_EMAIL_USER", "")
    EMAIL_HOST_PASSWORD = env_str("KERNKOMPAS_EMAIL_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("KERNKOMPAS_EMAIL_TLS", True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env_str("KERNKOMPAS_FROM_EMAIL", "Kernkompas <noreply@kernkompas.invalid>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Where replies to the newsletter, reminders and confirmations go (empty: to the sender).
KERNKOMPAS_REPLY_TO = env_str("KERNKOMPAS_REPLY_TO", "")

# --- Language and time -------------------------------------------------------------------------------------
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = env_str("KERNKOMPAS_TIME_ZONE", "Europe/Brussels")
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = [("nl", "Nederlands"), ("en", "English")]

# --- Static and media files --------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = env_path("KERNKOMPAS_STATIC_ROOT", DATA_DIR / "static")
MEDIA_URL = "/media/"
MEDIA_ROOT = env_path("KERNKOMPAS_MEDIA_ROOT", DATA_DIR / "media")
# Files waiting in the Kernmonitor's import wizard may hold owner contacts: kept outside MEDIA_ROOT, never served.
MONITOR_UPLOAD_ROOT = env_path("KERNKOMPAS_UPLOAD_ROOT", DATA_DIR / "private-uploads")
MONITOR_MAX_UPLOAD_MB = env_int("KERNKOMPAS_MAX_UPLOAD_MB", 50)  # the import wizard's file size limit
MONITOR_MAX_IMPORT_ROWS = env_int("KERNKOMPAS_MAX_IMPORT_ROWS", 1_000_000)  # rows (or features) in one import file
# The embedded default serves uploads itself; behind a proxy, let the proxy serve MEDIA_ROOT instead.
SERVE_MEDIA = env_bool("KERNKOMPAS_SERVE_MEDIA", True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- Wagtail -----------------------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Kernkompas"
WAGTAILADMIN_BASE_URL = BASE_URL
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx", "zip"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_IMAGE_MODEL = "core.SiteImage"  # alt text required
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAILEMBEDS_RESPONSIVE_HTML = True
# No avatars from gravatar.com: it would leak e-mail hashes to a third party and break offline.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# E-mail addresses change on our profile page only, where the user name (the address) follows along.
WAGTAIL_EMAIL_MANAGEMENT_ENABLED = False
# No autosave: editors save with the buttons. Wagtail 8's background save waits 500 ms after a change and is not
# cancelled when the editor presses a button, so it reached the server together with "Save draft", "Schedule" or
# "Submit for review": two revisions out of order, the editor's own session then seen as "a newer version in
# another window", and the submit to the review stopped at that dialog. Leaving the page with unsaved changes
# still asks first. See docs/vitrine.md, "Editorial workflow".
WAGTAIL_AUTOSAVE_INTERVAL = 0

# --- Maps --------------------------------------------------------------------------------------------------
# The tile server is a setting; empty means no background tiles. The vector layers show either way.
# Empty by default: the public OpenStreetMap tile servers are not meant for production sites, so each
# installation names its own (e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png with permission).
MAP_TILE_URL = env_str("KERNKOMPAS_MAP_TILE_URL", "")
MAP_TILE_ATTRIBUTION = env_str(
    "KERNKOMPAS_MAP_TILE_ATTRIBUTION",
    '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>',
)

# --- Content Security Policy -------------------------------------------------------------------------------
# django-csp sends the header (Django 5.2 has none of its own; see docs/architecture.md). No inline script or style
# on the public site, so that a text from data that escaped its escaping still cannot run; the tile server is the
# only other origin pages load from (images), the video players the only ones they frame. The back office keeps
# the same policy except inline scripts, which Wagtail 8 still writes (kernkompas/lib/csp.py says where).
CSP_REPORT_URI = env_str("KERNKOMPAS_CSP_REPORT_URI", "")
CONTENT_SECURITY_POLICY = {"DIRECTIVES": csp_policy.site_policy(tile_url=MAP_TILE_URL, report_uri=CSP_REPORT_URI)}
CSP_BACK_OFFICE_PREFIX = "/beheer/"
CSP_BACK_OFFICE_CHANGES = csp_policy.back_office_changes()

# --- Logging -----------------------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("KERNKOMPAS_LOG_LEVEL", "INFO")},
    # Wagtail's reference-index tasks log a line per object at INFO: too chatty for migrate and imports.
    "loggers": {"django.db.backends": {"level": "WARNING"}, "django_tasks": {"level": "WARNING"}},
}
