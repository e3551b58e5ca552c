"""Settings shared by every environment, read from the environment.

DATABASE_URL   PostgreSQL (``postgres://...``); unset means a SQLite file here.
DEBUG          off unless set to 1/true/yes/on.
SECRET_KEY     required when DEBUG is off.
ALLOWED_HOSTS  comma-separated host names.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item]


DEBUG = env_bool("DEBUG")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "insecure-development-key-only-used-with-debug"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")

INSTALLED_APPS = [
    "config.apps.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_filters",
    "import_export",
    "simple_history",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "core",
    "methods",
    "services",
    "resources",
    "goals",
    "rest_framework",
    "drf_spectacular",
    "api",
    "config",
]

MIDDLEWARE = [
    # First: /healthz answers before the Host check and the HTTPS redirect.
    "config.middleware.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Before the page cache, so a cached page carries it too.
    "config.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # /api/: CORS for reading, ETag and 304 (api/middleware.py); before the
    # page cache so a stored answer is treated as a fresh one.
    "api.middleware.OpenDataMiddleware",
    # Anonymous renders of public pages, from the cache (config/cache.py):
    # after the language is known, before the rest has work to do.
    "config.cache.AnonymousPageCacheMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Inside the header middleware, so their own answers carry the headers. In
    # this order: no-store for whatever a logged-in user is shown, the
    # session's idle and absolute limits, the second factor (django-otp marks
    # the user verified; staff who must use it are sent to it), and the body
    # limit before CSRF's process_view reads the body.
    "config.middleware.PrivateCacheMiddleware",
    "config.middleware.SessionTimeoutMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "config.two_factor.TwoFactorRequiredMiddleware",
    "config.middleware.RequestBodyLimitMiddleware",
    "config.middleware.AdminQueryGuardMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: turns a locked-out login into its lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "config.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A web request and the loader may write at the same time during `make run`.
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # An unreachable server is given up on after a few seconds, far below the
    # worker timeout, so the visitor gets the 503 page (config/views.py), not a
    # killed worker.
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = int(
        os.environ.get("DB_CONNECT_TIMEOUT", "3")
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis when REDIS_URL is set (redis://127.0.0.1:6379/0): one cache shared by
# every worker and app server. Otherwise memory in each process, which is only
# right for a single process (development, tests). See config/cache.py.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            # Django's RedisCache, keeping its client (config/cache.py).
            "BACKEND": "config.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "videnscenter"),
            # A Redis that hangs costs a page at most this, then the page is
            # rendered without the cache (config/cache.py).
            "OPTIONS": {
                "socket_connect_timeout": float(
                    os.environ.get("REDIS_CONNECT_TIMEOUT", "0.5")
                ),
                "socket_timeout": float(os.environ.get("REDIS_TIMEOUT", "0.5")),
            },
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "videnscenter",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }
# Seconds an anonymous page render is kept (a save invalidates it at once);
# 0 switches the page cache off.
PAGE_CACHE_TIMEOUT = int(os.environ.get("PAGE_CACHE_TIMEOUT", "600"))
# The apps whose content the pages show: each has a content version
# (core/content_versions.py) that moves on when its content changes.
CONTENT_APPS = ("methods", "services", "resources", "goals")
# Seconds a page fragment is kept ({% fragment %}, core/templatetags/
# fragments.py), for staff too; a save invalidates it at once; 0 switches it off.
FRAGMENT_CACHE_TIMEOUT = int(os.environ.get("FRAGMENT_CACHE_TIMEOUT", "600"))

# An offer or a method whose information was last confirmed longer ago than
# this is listed as due for verification in the admin ("Skal bekræftes").
VERIFICATION_MAX_AGE_MONTHS = int(os.environ.get("VERIFICATION_MAX_AGE_MONTHS", "12"))

_VALIDATION = "django.contrib.auth.password_validation"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"{_VALIDATION}.UserAttributeSimilarityValidator"},
    {"NAME": f"{_VALIDATION}.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": f"{_VALIDATION}.CommonPasswordValidator"},
    {"NAME": f"{_VALIDATION}.NumericPasswordValidator"},
    # Passwords of real breaches, from a list shipped with zxcvbn (no network).
    {"NAME": "config.passwords.BreachedPasswordValidator"},
]

# Sessions: a logged-in session ends after SESSION_IDLE_MINUTES without a
# request and SESSION_COOKIE_AGE after the login, whatever happens in between
# (config/middleware.SessionTimeoutMiddleware). Django gives the session a new
# key at every login.
SESSION_IDLE_TIMEOUT = int(os.environ.get("SESSION_IDLE_MINUTES", "30")) * 60
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_MAX_HOURS", "12")) * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Two-factor login (config/two_factor.py): required for superusers and the
# groups below; other staff may turn it on themselves.
TWO_FACTOR_REQUIRED_GROUPS = ["Ledere", "Videnscenter"]
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "Videnscenter")
# An administrator may delete a lost device, never read its key or QR code.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

LANGUAGE_CODE = "da"
LANGUAGES = [("da", _("Dansk")), ("en", _("Engelsk"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Library files: never under a public URL, only through the download view.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "private"))
MAX_UPLOAD_SIZE = int(os.environ.get("MAX_UPLOAD_SIZE", str(25 * 1024 * 1024)))
# ZIP-based files (docx, xlsx, pptx, odt) are checked from the archive's
# directory before anything is decompressed (core/archives.py).
ARCHIVE_MAX_UNCOMPRESSED_SIZE = int(
    os.environ.get("ARCHIVE_MAX_UNCOMPRESSED_SIZE", str(200 * 1024 * 1024))
)
ARCHIVE_MAX_MEMBERS = int(os.environ.get("ARCHIVE_MAX_MEMBERS", "2000"))
ARCHIVE_MAX_RATIO = int(os.environ.get("ARCHIVE_MAX_RATIO", "100"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

LOGIN_URL = "/log-ind/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"
# A reset link is valid for one hour (Django's default is three days).
PASSWORD_RESET_TIMEOUT = 60 * 60

# Security. Transport settings (HSTS, secure cookies, SSL redirect) are switched on
# in production.py, so tests and development keep working over plain http.
# django-axes checks for a lockout first, then Django checks the password.
AUTHENTICATION_BACKENDS = [
    "config.lockout.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Lock out a username from the address it was guessed from, so a guesser
# elsewhere cannot lock the owner out; not an address on its own either: a town
# hall's staff share one address (docs/security.md).
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
# A username from one address (config/lockout.py): 15 minutes after the first
# lockout, doubled for each further one within a day, at most a day.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_COOLOFF_TIME = "config.lockout.cool_off"
AXES_ENABLE_ACCESS_FAILURE_LOG = True
LOCKOUT_BASE_COOLOFF = timedelta(
    minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15"))
)
LOCKOUT_GROWTH_WINDOW = timedelta(hours=24)
LOCKOUT_MAX_COOLOFF = timedelta(hours=24)
# One address across usernames (password spraying).
ADDRESS_FAILURE_LIMIT = int(os.environ.get("ADDRESS_FAILURE_LIMIT", "50"))
ADDRESS_FAILURE_WINDOW = timedelta(
    minutes=int(os.environ.get("ADDRESS_FAILURE_MINUTES", "15"))
)
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "config.auth_views.lockout_response"
AXES_HTTP_RESPONSE_CODE = 429
# Behind a reverse proxy, the number of proxies that add X-Forwarded-For; unset
# means the client address is REMOTE_ADDR (a header the client could forge is
# never trusted by default).
AXES_IPWARE_PROXY_COUNT = (
    int(os.environ["AXES_PROXY_COUNT"]) if os.environ.get("AXES_PROXY_COUNT") else None
)
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
    if AXES_IPWARE_PROXY_COUNT
    else ["REMOTE_ADDR"]
)

# No inline script or style anywhere; nothing from other hosts.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Browser features the portal never uses, switched off for it and for anything
# it could be made to embed.
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), browsing-topics=()"
)
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# A Danish page for a failed CSRF check (templates/403_csrf.html).
CSRF_FAILURE_VIEW = "config.views.csrf_failure"

# Uploads: files above 2.5 MB stream to a temporary file instead of memory; form
# fields other than files may take at most 5 MB. The library's own limit per file
# is MAX_UPLOAD_SIZE; the web server should refuse bodies a little above it.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# Any request body above this is refused with 413 before it is read, except
# for logged-in staff in the admin, who upload files up to MAX_UPLOAD_SIZE
# (config/middleware.RequestBodyLimitMiddleware).
REQUEST_BODY_MAX_SIZE = int(os.environ.get("REQUEST_BODY_MAX_SIZE", str(256 * 1024)))
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000
# django-import-export lets any staff member import and export unless told
# otherwise: importing needs the model's change permission, exporting its view one.
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "change"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"
# The goals spreadsheet import (goals/spreadsheets/): the largest file it reads
# (bytes, and rows below the column names), the longest cell, and how many rows
# of each kind (new, changed, unchanged, with errors) its preview lists; the
# rest are counted, so a large file never makes a page of many megabytes.
GOALS_IMPORT_MAX_BYTES = 10 * 1024 * 1024
GOALS_IMPORT_MAX_ROWS = 20_000
GOALS_IMPORT_MAX_CELL_LENGTH = 10_000
GOALS_IMPORT_PREVIEW_ROWS = 200
# Set to the internal location the web server maps to PRIVATE_MEDIA_ROOT (for
# nginx, e.g. "/_private/") to hand downloads over with X-Accel-Redirect.
PRIVATE_MEDIA_ACCEL_PREFIX = os.environ.get("PRIVATE_MEDIA_ACCEL_PREFIX", "")

# The municipality this installation serves; shown in the header and footer.
SITE_NAME = os.environ.get("SITE_NAME", "Videnscenter for udsatteområdet")
SITE_OWNER = os.environ.get("SITE_OWNER", "Randers Kommune")
SITE_CONTACT_EMAIL = os.environ.get("SITE_CONTACT_EMAIL", "")
SITE_CONTACT_PHONE = os.environ.get("SITE_CONTACT_PHONE", "")
# Danish public sites publish their accessibility statement through the national
# WAS tool; the site's page /tilgaengelighed/ links to it. Curators set it in
# the admin (“Sidens kontaktoplysninger”); this is the fallback. No default:
# the tool's front page is not a statement.
ACCESSIBILITY_STATEMENT_URL = os.environ.get("ACCESSIBILITY_STATEMENT_URL", "")
ADMIN_URL_PATH = os.environ.get("ADMIN_URL_PATH", "admin/")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}

# The JSON API for methods and goals (api/v1/): read-only and public, so no
# authentication (no session, no CSRF) and JSON only; drf-spectacular writes
# its OpenAPI 3.1 description from the code (/api/schema/).
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": None,
    "COERCE_DECIMAL_TO_STRING": False,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Videnscenter: metoder og mål",
    "DESCRIPTION": (
        "Offentliggjorte metoder (med vidensdeklaration, målgrupper, tilbud og "
        "materialer) og mål (med plan, udgangspunkt, delmål, målinger, beregnet "
        "status og datakilde). Tilbuddene findes efter Open Referral HSDS 3.0 "
        "under /api/hsds/."
    ),
    "VERSION": "1",
    "OAS_VERSION": "3.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_AUTHENTICATION": [],
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "LICENSE": {
        "name": "CC BY 4.0",
        "url": "https://creativecommons.org/licenses/by/4.0/",
    },
}
