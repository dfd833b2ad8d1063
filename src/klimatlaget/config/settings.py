"""Django settings, read from the environment.

Development is the default (SQLite under ``var/``, local hosts allowed); DEBUG is off unless
``KLIMATLAGET_DEBUG=1``, so ``klimatlaget serve`` and the demo show the site's own error pages,
never a traceback. ``KLIMATLAGET_PRODUCTION=1`` turns on production settings: secure cookies,
HSTS, a strict Content Security Policy, and a refusal to start without a real secret key and
allowed hosts.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from klimatlaget.config.secret_key import DEV_SECRET_KEY, secret_key_weakness

PACKAGE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("KLIMATLAGET_DATA_DIR", Path.cwd() / "var"))
#: docs/METHOD.md, shown as the method documentation page (beside the source code by default).
METHOD_DOCUMENT = Path(
    os.environ.get("KLIMATLAGET_METHOD_DOCUMENT", PACKAGE_DIR.parent.parent / "docs" / "METHOD.md")
)

PRODUCTION = os.environ.get("KLIMATLAGET_PRODUCTION", "") == "1"
DEBUG = not PRODUCTION and os.environ.get("KLIMATLAGET_DEBUG", "") == "1"

SECRET_KEY = os.environ.get("KLIMATLAGET_SECRET_KEY", DEV_SECRET_KEY)
if PRODUCTION and (weakness := secret_key_weakness(SECRET_KEY)):
    raise ImproperlyConfigured(
        f"KLIMATLAGET_SECRET_KEY {weakness}. Set it to a long random value, e.g. the output of "
        "python -c 'import secrets; print(secrets.token_urlsafe(50))'."
    )

ALLOWED_HOSTS = [
    h.strip() for h in os.environ.get("KLIMATLAGET_ALLOWED_HOSTS", "").split(",") if h.strip()
]
if not PRODUCTION:
    ALLOWED_HOSTS += ["localhost", "127.0.0.1", "[::1]", "testserver"]
elif not ALLOWED_HOSTS:
    raise ImproperlyConfigured("Set KLIMATLAGET_ALLOWED_HOSTS (comma-separated) in production.")

#: False for the command line's data commands (see cli.main), which serve no pages: they start
#: without django-ninja's app, which only brings the templates and static files of the API's
#: documentation page (~0.1 s to import), and without importing every app's admin module.
KLIMATLAGET_SERVES_PAGES = os.environ.get("KLIMATLAGET_SERVES_PAGES", "1") == "1"

INSTALLED_APPS = [
    "django.contrib.admin"
    if KLIMATLAGET_SERVES_PAGES
    else "django.contrib.admin.apps.SimpleAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    *(["ninja"] if KLIMATLAGET_SERVES_PAGES else []),
    "klimatlaget.web",
    "klimatlaget.dataversion",
    "klimatlaget.accounts",
    "klimatlaget.audit",
    "klimatlaget.organisations",
    "klimatlaget.emissions",
    "klimatlaget.imports",
    "klimatlaget.targets",
    "klimatlaget.associations",
    "klimatlaget.fees",
    "klimatlaget.surveys",
    "klimatlaget.measures",
    "klimatlaget.operations",
    "klimatlaget.budgets",
    "klimatlaget.followup",
    "klimatlaget.investments",
    "klimatlaget.contracts",
    "klimatlaget.reporting",
    "klimatlaget.netzerocities",
    "klimatlaget.energy",
]

MIDDLEWARE = [
    "klimatlaget.operations.request_log.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "axes.middleware.AxesMiddleware",
    "klimatlaget.web.errors.DatabaseBusyMiddleware",
]

ROOT_URLCONF = "klimatlaget.config.urls"
WSGI_APPLICATION = "klimatlaget.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "klimatlaget.web.context_processors.site",
            ],
        },
    },
]

#: SQLite shared by several threads or processes: write-ahead logging lets readers go on while one
#: writer writes; write transactions take the lock when they begin (``BEGIN IMMEDIATE``), so they
#: queue for it, up to the busy timeout, instead of failing when a read turns into a write.
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
}


def _database() -> dict[str, object]:
    config = dj_database_url.config(
        default=f"sqlite:///{DATA_DIR / 'klimatlaget.sqlite3'}", conn_max_age=60
    )
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["OPTIONS"] = {**SQLITE_OPTIONS, **config.get("OPTIONS", {})}
    return dict(config)


DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
SERIALIZATION_MODULES = {"exactjson": "klimatlaget.operations.exact_json"}

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "klimatlaget",
    },
    # Public pages (klimatlaget.web.pagecache), gzipped, per process; keys hold the data version.
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "klimatlaget-pages",
        "TIMEOUT": None,
        "OPTIONS": {"MAX_ENTRIES": 500},
    },
}

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "start"
LOGOUT_REDIRECT_URL = "home"

# Login throttling (django-axes): lock a username+address after 5 failures for 15 minutes, and
# an address after 20 failures across usernames (password spraying; see accounts/throttle.py).
AXES_FAILURE_LIMIT = int(os.environ.get("KLIMATLAGET_LOGIN_FAILURE_LIMIT", "5"))
KLIMATLAGET_ADDRESS_FAILURE_LIMIT = int(
    os.environ.get("KLIMATLAGET_LOGIN_ADDRESS_FAILURE_LIMIT", "20")
)
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_HANDLER = "klimatlaget.accounts.throttle.AddressLimitHandler"
AXES_CLIENT_IP_CALLABLE = "klimatlaget.accounts.throttle.client_ip"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Swedish")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION
if not PRODUCTION:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns when it is missing

# Uploads: refuse bodies above 50 MB outright; larger files never reach an importer.
DATA_UPLOAD_MAX_MEMORY_SIZE = 50 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
KLIMATLAGET_MAX_IMPORT_BYTES = int(os.environ.get("KLIMATLAGET_MAX_IMPORT_BYTES", 50 * 1024 * 1024))

# Climate contracts: the code of the association whose secretariat, the programme office,
# edits every contract and the parts the parties write together.
KLIMATLAGET_CONTRACT_PROGRAMME = os.environ.get("KLIMATLAGET_CONTRACT_PROGRAMME", "viable-cities")

# Content Security Policy: everything from this origin, no inline script.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = os.environ.get("KLIMATLAGET_SSL_REDIRECT", "1") == "1"
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# HSTS preloading commits the domain to browsers' built-in lists: the operator's choice to make.
SILENCED_SYSTEM_CHECKS = ["security.W021"]
# Headers from a reverse proxy are trusted only when it is said to be there: anyone can send them.
if os.environ.get("KLIMATLAGET_TRUST_X_FORWARDED_PROTO", "") == "1":
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
#: The client's address is the last one in X-Forwarded-For (the one the proxy added).
KLIMATLAGET_TRUST_X_FORWARDED_FOR = os.environ.get("KLIMATLAGET_TRUST_X_FORWARDED_FOR", "") == "1"

EMAIL_BACKEND = os.environ.get(
    "KLIMATLAGET_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = os.environ.get("KLIMATLAGET_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("KLIMATLAGET_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("KLIMATLAGET_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("KLIMATLAGET_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("KLIMATLAGET_EMAIL_TLS", "") == "1"
DEFAULT_FROM_EMAIL = os.environ.get("KLIMATLAGET_FROM_EMAIL", "klimatlaget@localhost")
#: Background tasks (e-mails, queued when the transaction that asked for them commits). The
#: default immediate backend runs each task at once in the process that queued it; a queueing
#: backend, with its own workers, can be named in KLIMATLAGET_TASK_BACKEND.
TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "KLIMATLAGET_TASK_BACKEND", "django.tasks.backends.immediate.ImmediateBackend"
        )
    }
}
#: Where links in e-mails point (invitations sent from the command line need it).
KLIMATLAGET_BASE_URL = os.environ.get("KLIMATLAGET_BASE_URL", "")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {
        "console": {"class": "klimatlaget.operations.logging.StderrHandler", "formatter": "plain"}
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        # One line per request (operations/request_log.py); KLIMATLAGET_REQUEST_LOG=0 silences it.
        "klimatlaget.requests": {
            "level": "INFO" if os.environ.get("KLIMATLAGET_REQUEST_LOG", "1") == "1" else "WARNING"
        },
    },
}
