"""Settings for the Central Asian Regional Platform.

One module for every environment: each deployable value comes from an
environment variable read through the small typed helpers below, which fail
loudly on a malformed value. With no variables set the portal runs on safe
local defaults: SQLite, Celery's filesystem broker and e-mail written to files,
all under ``var/``. DEBUG is off unless ``DJANGO_DEBUG=1`` asks for it.
"""

import os
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("DJANGO_VAR_DIR", BASE_DIR / "var"))

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    """A string variable; ``NAME_FILE`` (a Docker secret) wins over ``NAME``."""
    file_path = os.environ.get(f"{name}_FILE")
    if file_path:
        return Path(file_path).read_text(encoding="utf-8").strip()
    return os.environ.get(name) or default


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), not {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer, not {raw!r}") from exc


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return list(default or [])
    return [item.strip() for item in raw.split(",") if item.strip()]


# --- Core -------------------------------------------------------------------

DEBUG = env_bool("DJANGO_DEBUG", default=False)
_INSECURE_DEV_KEY = "django-insecure-local-development-key-not-for-production-use"
SECRET_KEY = env_str("DJANGO_SECRET_KEY") or (_INSECURE_DEV_KEY if DEBUG else "")
SECRET_KEY_IS_EPHEMERAL = not SECRET_KEY
if SECRET_KEY_IS_EPHEMERAL:
    # Commands run before deployment configuration exists (collectstatic in the
    # Docker build, the test suite) get a throw-away key; the system check
    # platform_site.W001 warns when a server runs like this.
    from django.core.management.utils import get_random_secret_key

    SECRET_KEY = get_random_secret_key()

# Loopback names are always allowed so that container health checks reach /healthz.
ALLOWED_HOSTS = [*env_list("DJANGO_ALLOWED_HOSTS"), "127.0.0.1", "localhost", "[::1]"]
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# Where vulnerabilities are reported (/.well-known/security.txt): a mailto: or https: URI.
SECURITY_CONTACT = env_str("SECURITY_CONTACT", "mailto:security@platform.local")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django.forms",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_filters",
    "rules.apps.AutodiscoverRulesConfig",
    "simple_history",
    # Project apps, lowest layer first.
    "core",
    "accounts",
    "universities",
    "curricula",
    "industry",
    "events",
    "insights",
    "knowledge",
    "certificates",
    "programme",
    "newsletter",
    "platform_site",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # Static files never reach the next line: whitenoise answers them itself, with the
    # .gz and .br files its compressed storage wrote at collectstatic.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages, JSON and CSV gzipped for slow connections. Above everything that writes the
    # body, so it compresses last; core.pagecache stores the page before this runs, so
    # cached copies are plain and every response carries Vary: Accept-Encoding.
    # BREACH: an attacker who can make a victim's browser fetch a compressed HTTPS page
    # many times, with text of theirs reflected in it, and watch the sizes may guess a
    # secret in that page. The project relies on Django's defences: the CSRF token is
    # masked afresh on every request (a cached page's token is replaced on each hit), so
    # it never repeats; every gzipped body gets up to 100 random bytes (Heal The Breach,
    # GZipMiddleware.max_random_bytes); and the session and CSRF cookies keep Django's
    # SameSite=Lax, so another site's scripts and images fetch pages without the session.
    # Other secrets a signed-in page may show (a personal join link, recovery codes)
    # have only the last two.
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Before CSRF checking, which reads the body: an oversized one is refused unread.
    "core.middleware.RequestBodyLimitMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accounts.middleware.UserPreferencesMiddleware",
    "core.middleware.FirstVisitLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.middleware.MFARequiredMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "platform_site.urls"
WSGI_APPLICATION = "platform_site.wsgi.application"
ASGI_APPLICATION = "platform_site.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.template.context_processors.i18n",
                "django.template.context_processors.tz",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "platform_site.context_processors.site",
            ],
        },
    },
]

FORM_RENDERER = "platform_site.forms.SiteFormRenderer"

# --- Database ---------------------------------------------------------------

DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL,
            conn_max_age=env_int("DJANGO_DB_CONN_MAX_AGE", 60),
            conn_health_checks=True,
        )
    }
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        # Django's backend, with a health check that asks the socket first (core/db).
        DATABASES["default"]["ENGINE"] = "core.db.postgresql"
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(VAR_DIR / "db.sqlite3"),
            "OPTIONS": {
                # The web server, the Celery worker and beat share this file.
                "timeout": 20,
                "transaction_mode": "IMMEDIATE",
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
        }
    }
IS_POSTGRES = DATABASES["default"]["ENGINE"] == "core.db.postgresql"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES: dict[str, dict[str, Any]] = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "platform",
    }
}
if env_str("CACHE_URL").startswith("redis"):
    # Fails open (core/cache.py): while the cache is down, pages are served without it.
    CACHES["default"] = {
        "BACKEND": "core.cache.FailOpenRedisCache",
        "LOCATION": env_str("CACHE_URL"),
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }
# Anonymous visitors' pages are kept this long at most (core/pagecache.py); 0 turns
# it off. On by default only with a shared cache: a per-process one would not see the
# changes other processes (web workers, Celery) make.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 60 if env_str("CACHE_URL") else 0)

# --- Accounts and authentication -------------------------------------------

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "accounts.backends.StaffModelBackend",
    "accounts.backends.StaffAuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
SITE_ID = 1
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:profile"

ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_UNIQUE_EMAIL = True
# Two factors (accounts/mfa.py): an authenticator app with recovery codes.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = env_str("MFA_TOTP_ISSUER", "CA Energy Platform")

ACCOUNT_RATE_LIMITS_ENABLED = env_bool("ACCOUNT_RATE_LIMITS_ENABLED", default=True)
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[CA Platform] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http" if DEBUG else "https"

# --- Internationalisation ---------------------------------------------------

LANGUAGE_CODE = "en"
# Adding a language (Kyrgyz "ky", Tajik "tg", Turkmen "tk") is one entry here, its
# name in LANGUAGE_SELF_NAMES and CONTENT_FALLBACKS, and a catalogue (make messages).
LANGUAGES = [("en", _("English")), ("ru", _("Russian")), ("kk", _("Kazakh")), ("uz", _("Uzbek"))]
# Each language named in itself, for the language switcher.
LANGUAGE_SELF_NAMES = {"en": "English", "ru": "Русский", "kk": "Қазақша", "uz": "Oʻzbekcha"}
# Where content missing in a language is read from instead, before English.
CONTENT_FALLBACKS: dict[str, tuple[str, ...]] = {"kk": ("ru",), "uz": ("ru",)}
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
# Formats Django lacks for an interface language (Kazakh).
FORMAT_MODULE_PATH = ["platform_site.formats"]
USE_TZ = True
TIME_ZONE = "UTC"
# The empty choice of a filter's select, in the interface language (django-filter's
# own is "---------").
FILTERS_EMPTY_CHOICE_LABEL = _("Any")

# --- Static and media files -------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("DJANGO_STATIC_ROOT") or VAR_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("DJANGO_MEDIA_ROOT") or VAR_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_MAX_AGE = 31536000 if not DEBUG else 0

# --- E-mail -----------------------------------------------------------------

DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "CA Platform <noreply@platform.local>")
SERVER_EMAIL = env_str("SERVER_EMAIL", DEFAULT_FROM_EMAIL)


def _smtp_mailer_from_url(url: str) -> dict:
    """``smtp://user:pass@host:587?tls=1`` or ``smtps://…`` to SMTP backend options."""
    parts = urlsplit(url)
    if parts.scheme not in {"smtp", "smtps"}:
        raise ImproperlyConfigured(
            f"EMAIL_URL scheme must be smtp, smtps or file, not {parts.scheme!r}"
        )
    query = parse_qs(parts.query)
    return {
        "host": parts.hostname or "localhost",
        "port": parts.port or (465 if parts.scheme == "smtps" else 25),
        "username": unquote(parts.username or ""),
        "password": unquote(parts.password or ""),
        "use_ssl": parts.scheme == "smtps",
        "use_tls": query.get("tls", ["0"])[0].lower() in _TRUE,
    }


# Mail goes to files under var/mail/ when debugging (or with EMAIL_URL=file://),
# to SMTP when configured, and to an SMTP server on localhost in production.
EMAIL_URL = env_str("EMAIL_URL", "file://" if DEBUG else "smtp://localhost:25")
if EMAIL_URL.startswith("file://"):
    _smtp_options = None
    _mail_dir = EMAIL_URL.removeprefix("file://") or str(VAR_DIR / "mail")
elif env_str("EMAIL_HOST") and not env_str("EMAIL_URL"):
    _smtp_options = {
        "host": env_str("EMAIL_HOST"),
        "port": env_int("EMAIL_PORT", 587),
        "username": env_str("EMAIL_HOST_USER"),
        "password": env_str("EMAIL_HOST_PASSWORD"),
        "use_tls": env_bool("EMAIL_USE_TLS", default=True),
        "use_ssl": env_bool("EMAIL_USE_SSL", default=False),
    }
else:
    _smtp_options = _smtp_mailer_from_url(EMAIL_URL)

if _smtp_options:
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {**_smtp_options, "timeout": env_int("EMAIL_TIMEOUT", 20)},
        }
    }
else:
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "OPTIONS": {"file_path": _mail_dir},
        }
    }

# --- Celery -----------------------------------------------------------------

CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", "filesystem://")
if CELERY_BROKER_URL.startswith("filesystem://"):
    _queue_dir = VAR_DIR / "celery" / "queue"
    _control_dir = VAR_DIR / "celery" / "control"
    for _folder in (_queue_dir, _control_dir, VAR_DIR / "celery" / "processed"):
        _folder.mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        # The same folder in and out: the web process writes, the worker reads.
        "data_folder_in": str(_queue_dir),
        "data_folder_out": str(_queue_dir),
        # Otherwise kombu keeps its exchange tables in ./control.
        "control_folder": str(_control_dir),
        "processed_folder": str(VAR_DIR / "celery" / "processed"),
        "store_processed": False,
    }
else:
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_BROKER_CONNECTION_TIMEOUT = 3
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = "UTC"
# Tasks are idempotent: acknowledge after the work and put a task back when
# its worker dies, one task at a time per process, and never run forever.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", 240)
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 300)
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", default=False)
# --- The e-mail outbox (core/outbox.py) ------------------------------------------

# A claimed e-mail is the sender's for this long; after it, another sender takes it.
# Longer than a task may run (CELERY_TASK_TIME_LIMIT), so a live sender keeps its rows.
OUTBOX_LEASE_SECONDS = env_int("OUTBOX_LEASE_SECONDS", CELERY_TASK_TIME_LIMIT + 60)
OUTBOX_RETRY_SECONDS = env_int("OUTBOX_RETRY_SECONDS", 30)  # first wait after a failure
OUTBOX_RETRY_MAX = env_int("OUTBOX_RETRY_MAX", 900)  # longest wait between tries
OUTBOX_MAX_ATTEMPTS = env_int("OUTBOX_MAX_ATTEMPTS", 12)
OUTBOX_BATCH = env_int("OUTBOX_BATCH", 200)  # e-mails per SMTP connection
OUTBOX_MAX_ROUNDS = env_int("OUTBOX_MAX_ROUNDS", 25)  # batches per task
OUTBOX_MAX_SENDERS = env_int("OUTBOX_MAX_SENDERS", 50)  # tasks one sweep queues
OUTBOX_KEEP_DAYS = env_int("OUTBOX_KEEP_DAYS", 365)  # sent e-mails' records
AUDIT_KEEP_DAYS = env_int("AUDIT_KEEP_DAYS", 730)  # the audit log
OUTBOX_SWEEP_SECONDS = env_int("OUTBOX_SWEEP_SECONDS", 0)  # 0: beat sweeps every minute

CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celery" / "beat-schedule")
# A static schedule: the single beat process reads it at start.
CELERY_BEAT_SCHEDULE = {
    "sweep-outbox": {
        "task": "core.sweep_outbox",
        # Every minute; the fault tests sweep every few seconds.
        "schedule": (
            timedelta(seconds=OUTBOX_SWEEP_SECONDS) if OUTBOX_SWEEP_SECONDS else crontab()
        ),
    },
    "purge-old-records": {
        "task": "core.purge_old_records",
        "schedule": crontab(hour=3, minute=45),
    },
    "clear-expired-sessions": {
        "task": "accounts.clear_expired_sessions",
        "schedule": crontab(hour=3, minute=15),
    },
    "close-expired-needs": {
        "task": "industry.close_expired_needs",
        "schedule": crontab(hour=0, minute=30),
    },
    "flag-unanswered-needs": {
        "task": "industry.flag_unanswered_needs",
        "schedule": crontab(hour=4, minute=0),
    },
    "monthly-gap-snapshot": {
        "task": "insights.take_gap_snapshot",
        "schedule": crontab(day_of_month=1, hour=1, minute=30),
    },
    "sweep-waitlist-offers": {"task": "events.sweep_offers", "schedule": timedelta(minutes=5)},
    "monthly-newsletter-drafts": {
        "task": "newsletter.assemble_issues",
        "schedule": crontab(day_of_month=1, hour=2, minute=30),
    },
    "warn-expiring-accreditations": {
        "task": "curricula.warn_expiring_accreditations",
        "schedule": crontab(hour=5, minute=0),
    },
    "saved-search-alerts": {
        "task": "curricula.send_search_alerts",
        "schedule": crontab(hour=6, minute=0),
    },
    "weekly-needs-digest": {
        "task": "industry.send_weekly_digests",
        "schedule": crontab(day_of_week="mon", hour=2, minute=0),
    },
}

# --- Security ---------------------------------------------------------------

# Sessions are kept in the database and read through the cache: a signed-in request
# costs no session query while the cache holds it.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_SAMESITE = "Lax"
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
# Off unless the operator asks: both commit every subdomain of the host (and, for
# preload, browsers' built-in lists) to HTTPS for a long time.
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", default=False)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", default=False)
# `check --deploy` asks for both; leaving them off is this deployment's choice.
SILENCED_SYSTEM_CHECKS = ["security.W005", "security.W021"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if env_bool("DJANGO_BEHIND_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# Set empty to switch tiles off: the map then draws only its bundled base layer.
MAP_TILE_URL = os.environ.get("MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILE_ATTRIBUTION = env_str("MAP_TILE_ATTRIBUTION", "&copy; OpenStreetMap contributors")
_tile_origin = "{0.scheme}://{0.netloc}".format(urlsplit(MAP_TILE_URL.replace("{s}", "a")))

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:", *([_tile_origin] if MAP_TILE_URL else [])],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

# --- Uploads ----------------------------------------------------------------

# Request bodies are refused unread above this (core/middleware.py); upload forms set
# their own limit with core.middleware.body_limit.
MAX_REQUEST_BODY_BYTES = env_int("MAX_REQUEST_BODY_BYTES", 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- Benchmark ---------------------------------------------------------------

# `make bench` serves a bare view to measure the framework's ceiling on this machine.
BENCH_ENDPOINTS = env_bool("DJANGO_BENCH_ENDPOINTS", default=False)

# --- Demo data --------------------------------------------------------------

# Demo accounts with a known password must never reach production: seed_demo
# refuses to run unless this is on (it follows DEBUG unless set explicitly).
DEMO_DATA_ALLOWED = env_bool("DJANGO_DEMO_DATA", default=DEBUG)

# --- Logging ----------------------------------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
