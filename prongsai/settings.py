"""Prongsai settings: one module, configured by environment variables.

Embedded default (no variables): SQLite in WAL mode under DATA_DIR, tasks run
in-process, local-memory cache. Production: DATABASE_URL=postgres://…,
REDIS_URL=redis://… (cache and Celery broker), HTTPS=1 behind a TLS proxy.
README.md lists every variable.
"""

import os
import secrets
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def envint(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


def envlist(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def envrate(name: str, default: str) -> tuple[int, int]:
    """A rate written "uses/minutes", e.g. "20/10": (20, 600) as (uses, seconds)."""
    uses, minutes = os.environ.get(name, default).split("/")
    return int(uses), int(minutes) * 60


DATA_DIR = Path(os.environ.get("DATA_DIR", BASE_DIR / "var"))
DATA_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    """SECRET_KEY from the environment, else one generated once and kept in DATA_DIR.

    A self-hosted install then works out of the box without ever running on a
    key that is published in the source.
    """
    if key := os.environ.get("SECRET_KEY"):
        return key
    path = DATA_DIR / "secret_key"
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(secrets.token_urlsafe(50))
    return path.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = envbool("DEBUG")
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "prongsai.orgs.apps.AdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "csp",
    "ninja",  # serves the API docs' scripts from this instance instead of a CDN
    "prongsai.thai",
    "prongsai.orgs",
    "prongsai.eservices",
    "prongsai.inbox",
    "prongsai.messaging.line",
    "prongsai.messaging.livechat",
    "prongsai.messaging.boards",
    "prongsai.messaging.messenger",
    "prongsai.surveys",
    "prongsai.ita",
    "prongsai.integrity",
    "prongsai.portal",
    "prongsai.backups",
    "prongsai.outbox",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Early, so that answers made before the views (a 400 for an unknown host) get it too.
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "prongsai.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "prongsai.orgs.middleware.OrgMiddleware",
    # Last, so that it sees every failed login the views above let through.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "prongsai.urls"
WSGI_APPLICATION = "prongsai.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "prongsai" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "prongsai.orgs.context_processors.org",
            ],
        },
    },
]

# Database ------------------------------------------------------------------

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{DATA_DIR / 'prongsai.sqlite3'}"),
        conn_max_age=envint("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers run beside a writer; IMMEDIATE takes the write lock at
    # BEGIN, so two writers queue on the busy timeout instead of failing with
    # "database is locked" half-way through a transaction.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache and tasks -------------------------------------------------------------

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Without a broker, tasks run in the calling process (embedded default).
CELERY_BROKER_URL = REDIS_URL or "memory://localhost/"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Redis hands an unacknowledged task to another worker after this long; a retry
# waits up to an hour (outbox.services.RETRY_DELAYS), so it must be longer.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3 * 3600}
CELERY_TIMEZONE = "Asia/Bangkok"
# Only `celery beat` reads this; the embedded default runs the matching management
# commands (`make_quarterly_reports`, `escalate_cases`, `send_digests`) from cron instead.
from celery.schedules import crontab  # noqa: E402  (kept next to the one place it is used)

CELERY_BEAT_SCHEDULE = {
    "quarterly-executive-reports": {
        "task": "prongsai.integrity.tasks.make_quarterly_reports",
        # 02:00 on the 1st of January, April, July and October: the quarter just ended.
        "schedule": crontab(minute=0, hour=2, day_of_month=1, month_of_year="1,4,7,10"),
    },
    # Messages still owed after a crash, a broker outage or a failed send.
    "send-outbox": {"task": "prongsai.outbox.tasks.sweep", "schedule": 60.0},
    # Late matters to their division head, then to the executives (`escalate_cases`).
    "escalate-late-cases": {
        "task": "prongsai.inbox.tasks.escalate_overdue_cases",
        "schedule": crontab(minute="*/15"),
    },
    # The morning digest of open matters to each division head (`send_digests`).
    "division-digests": {
        "task": "prongsai.inbox.tasks.send_division_digests",
        "schedule": crontab(minute=0, hour=7),
    },
}

# Accounts --------------------------------------------------------------------

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
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:home"
LOGOUT_REDIRECT_URL = "home"

# Lock a username out from one address after repeated failures; the lock lifts
# by itself, so an attacker cannot keep a real officer out for long.
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = envint("AXES_COOLOFF_MINUTES", 15) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# Proxies of our own in front of the app servers (nginx: 1), whose
# X-Forwarded-For entries are believed for the client's address.
PROXY_COUNT = envint("PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "prongsai.orgs.clients.client_address"

OTP_TOTP_ISSUER = "Prongsai"

# Rate limits per client address per org (prongsai/ratelimits.py). Generous, since
# a whole village office or mobile operator may reach us from one address.
RATE_LIMITS = {
    "complaint": envrate("RATE_LIMIT_COMPLAINTS", "20/10"),
    "eservice": envrate("RATE_LIMIT_ESERVICES", "20/10"),
    "survey": envrate("RATE_LIMIT_SURVEY_ANSWERS", "60/10"),
    "board_post": envrate("RATE_LIMIT_BOARD_POSTS", "5/10"),
    "board_report": envrate("RATE_LIMIT_ABUSE_REPORTS", "10/10"),
    "chat_start": envrate("RATE_LIMIT_CHAT_STARTS", "60/60"),
    "track_miss": envrate("RATE_LIMIT_TRACKING_MISSES", "30/10"),
    "me_too": envrate("RATE_LIMIT_ME_TOO", "20/10"),
    "invitation_open": envrate("RATE_LIMIT_INVITATION_OPENS", "30/60"),
    "open311": envrate("RATE_LIMIT_OPEN311_ADDRESS", "60/10"),
    "open311_key": envrate("RATE_LIMIT_OPEN311_KEY", "300/10"),
    # Failed sign-ins from one address, whatever the username (axes locks each username).
    "login_failure": envrate("RATE_LIMIT_LOGIN_FAILURES", "30/15"),
}
# Multiplies every limit above: a load test from one address sets it high.
RATE_LIMIT_FACTOR = envint("RATE_LIMIT_FACTOR", 1)

# Language and time -------------------------------------------------------------

LANGUAGE_CODE = "th"
LANGUAGES = [("th", "ไทย"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "prongsai" / "locale"]
TIME_ZONE = "Asia/Bangkok"
USE_I18N = True
USE_TZ = True

# Static and uploaded files -----------------------------------------------------

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", DATA_DIR / "static"))
STATIC_ROOT.mkdir(exist_ok=True)  # whitenoise warns on every start until collectstatic ran
STATICFILES_DIRS = [BASE_DIR / "prongsai" / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", DATA_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
ATTACHMENT_MAX_BYTES = envint("ATTACHMENT_MAX_MB", 10) * 1024 * 1024
ATTACHMENTS_PER_UPLOAD = 5
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# E-mail --------------------------------------------------------------------------

EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = envint("EMAIL_PORT", 587)
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "prongsai@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Who gets the report of a server error (500), by e-mail; nobody unless set.
ADMINS = [("", address) for address in envlist("ADMINS")]

# Cases ---------------------------------------------------------------------------

# Where e-mails and QR codes point to; behind a proxy, the public address.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# Time limit of a case that names no service (15 days, as complaint handling rules ask).
CASE_DEFAULT_TIME_LIMIT_DAYS = envint("CASE_DEFAULT_TIME_LIMIT_DAYS", 15)

# LINE and Messenger ------------------------------------------------------------------

# Settings so that tests (and a LINE-compatible gateway) can stand in for LINE.
LINE_API_BASE_URL = os.environ.get("LINE_API_BASE_URL", "https://api.line.me")
LINE_DATA_API_BASE_URL = os.environ.get("LINE_DATA_API_BASE_URL", "https://api-data.line.me")
MESSENGER_GRAPH_URL = os.environ.get("MESSENGER_GRAPH_URL", "https://graph.facebook.com/v21.0")
# Key for secrets stored in the database (LINE channel secret and token);
# derived from SECRET_KEY when not set.
FIELD_ENCRYPTION_KEY = os.environ.get("FIELD_ENCRYPTION_KEY", "")

# Security ----------------------------------------------------------------------------

# HTTPS=1 in production, behind a proxy that terminates TLS and sets
# X-Forwarded-Proto; the embedded default serves plain HTTP on 127.0.0.1.
HTTPS = envbool("HTTPS")
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = envint("HSTS_SECONDS", 31536000) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 60 * 60 * 12
X_FRAME_OPTIONS = "DENY"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Error reports hide every field, variable and URL password that looks secret.
DEFAULT_EXCEPTION_REPORTER_FILTER = "prongsai.exception_reports.ExceptionReporterFilter"
DEFAULT_EXCEPTION_REPORTER = "prongsai.exception_reports.ExceptionReporter"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # In-process tasks would log every success at INFO.
        "celery.app.trace": {"level": "WARNING"},
    },
}
