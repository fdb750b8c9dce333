"""Django settings for CSP Monitor.

Everything that differs between machines comes from environment variables read
through the typed helpers in ``cspmonitor.env``; ``.env.example`` and the
README's configuration reference list them all (a test checks both).
Development defaults are safe: with DEBUG off the site refuses to start without
a secret key and allowed hosts.
"""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from cspmonitor.env import env_bool, env_int, env_list, env_path, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

DEBUG = env_bool("DEBUG", default=True)

SECRET_KEY = env_str("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if DEBUG:
    # A fixed, obviously unsafe key keeps development sessions across restarts;
    # it is never accepted with DEBUG off (below).
    SECRET_KEY = SECRET_KEY or "development-only-insecure-key-do-not-use-in-production"
    ALLOWED_HOSTS = ALLOWED_HOSTS or ["127.0.0.1", "localhost", "[::1]"]
else:
    if len(SECRET_KEY) < 32:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set to a random string of at least 32 characters when DEBUG is off."
        )
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("ALLOWED_HOSTS must name this site's host(s) when DEBUG is off.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "crispy_forms",
    "crispy_forms_gds",
    "django_tasks_db",
    "simple_history",
    "cspmonitor.accounts",
    "cspmonitor.partnership",
    "cspmonitor.members",
    "cspmonitor.plans",
    "cspmonitor.activity",
    "cspmonitor.reports",
    "cspmonitor.reviews",
    "cspmonitor.reviews.asb",
    "cspmonitor.reviews.duties",
    "cspmonitor.crime",
    "cspmonitor.panels",
    "cspmonitor.crimedata",
    "cspmonitor.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "cspmonitor.accounts.middleware.TwoFactorRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # A write that clashes with another at the same moment: a 409 page, not a 500.
    "cspmonitor.conflicts.WriteConflictMiddleware",
    # Records who made each change in the plans' change history.
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks, so it sees the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cspmonitor.urls"
WSGI_APPLICATION = "cspmonitor.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "cspmonitor" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "cspmonitor.context_processors.service",
            ],
        },
    },
]

# --- Database: SQLite under var/ unless DATABASE_URL names another (PostgreSQL in production).
DATABASE_URL = env_str("DATABASE_URL")
# SQLITE_TEST_NAME lets two test runs go at once on one machine (read even when unused,
# so that every setting is read in every configuration).
SQLITE_TEST_NAME = env_str("SQLITE_TEST_NAME", "test.sqlite3")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
else:
    VAR_DIR.mkdir(exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(VAR_DIR / "cspmonitor.sqlite3"),
            # Background workers write while the site reads: wait rather than fail. IMMEDIATE
            # takes the write lock when a transaction begins, so two writers queue for it
            # instead of one failing when both try to turn a read into a write.
            "OPTIONS": {"timeout": 20, "transaction_mode": "IMMEDIATE"},
            # Tests use a file, not SQLite's in-memory database: the browser tests' live server
            # answers several requests at once, and an in-memory database would be one
            # connection shared between those threads, which SQLite does not allow safely.
            "TEST": {"NAME": str(VAR_DIR / SQLITE_TEST_NAME)},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts, sign-in and lock-out.
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # django-axes first, so a locked-out account is refused before its password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:sign_in"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", default=5, minimum=1)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", default=30, minimum=1) / 60  # hours
# Lock a username from one address: a whole council behind one NAT is not locked out
# together, and guessing one account from one place stops.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_VERBOSE = False
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_USERNAME_FORM_FIELD = "username"
OTP_TOTP_ISSUER = "CSP Monitor"
# A session ends after this long without a request (a working day by default), not after a
# fixed fortnight: a browser left signed in overnight on a shared desk must ask again.
# Saving the session on every request is what makes the age count from the last request.
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_MINUTES", default=8 * 60, minimum=5) * 60
SESSION_SAVE_EVERY_REQUEST = True

# --- Email (Django 6.1 mailers): printed to the console unless an SMTP host is set.
_smtp = {
    "host": env_str("EMAIL_HOST"),
    "port": env_int("EMAIL_PORT", default=587, minimum=1),
    "username": env_str("EMAIL_HOST_USER"),
    "password": env_str("EMAIL_HOST_PASSWORD"),
    "use_tls": env_bool("EMAIL_USE_TLS", default=True),
}
if _smtp["host"]:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.smtp.EmailBackend", "OPTIONS": _smtp}}
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "CSP Monitor <no-reply@localhost>")
# The site's own address, for links in emails sent without a request (reminders).
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
if not SITE_URL.startswith(("https://", "http://")):
    raise ImproperlyConfigured(f"SITE_URL must start with https:// or http:// (got {SITE_URL!r}).")

# --- Security headers. Scripts run only from our own origin or with this request's nonce.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "cspmonitor.views.csrf_failure"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
_ssl_redirect = env_bool("SECURE_SSL_REDIRECT", default=True)
_hsts_seconds = env_int("SECURE_HSTS_SECONDS", default=31_536_000, minimum=0)
_hsts_preload = env_bool("SECURE_HSTS_PRELOAD", default=False)
if not DEBUG:
    SECURE_SSL_REDIRECT = _ssl_redirect
    SECURE_HSTS_SECONDS = _hsts_seconds
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    SECURE_HSTS_PRELOAD = _hsts_preload
    if not _hsts_preload:
        # Submitting the domain to browsers' HSTS preload list is the operator's decision (it
        # binds every subdomain for good); HSTS itself is on, so the reminder is silenced.
        SILENCED_SYSTEM_CHECKS = ["security.W021"]
    CSRF_COOKIE_SECURE = True

# --- Static files: our own, plus GOV.UK Frontend and Leaflet from npm (node_modules, no build).
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    BASE_DIR / "cspmonitor" / "static",
    ("govuk", NODE_MODULES / "govuk-frontend" / "dist" / "govuk"),
    ("leaflet", NODE_MODULES / "leaflet" / "dist"),
]
# GOV.UK Frontend's stylesheet asks for its fonts and images under /assets/.
WHITENOISE_ROOT = NODE_MODULES / "govuk-frontend" / "dist" / "govuk"
# Development and tests serve static files from their sources; production serves what
# collectstatic gathered into STATIC_ROOT (make serve runs it).
WHITENOISE_USE_FINDERS = DEBUG
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

# --- Forms on the GOV.UK Design System.
CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"

# --- Background work: Django's Tasks framework, queued in the database.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# A task whose worker died (or stopped beating for this long) is queued again, up to this many
# attempts in all, then failed with a message on its page (cspmonitor/background.py).
TASK_LEASE_SECONDS = env_int("TASK_LEASE_SECONDS", default=120, minimum=30)
TASK_MAX_ATTEMPTS = env_int("TASK_MAX_ATTEMPTS", default=3, minimum=1)

# --- The production web server (gunicorn, cspmonitor/gunicorn_conf.py; make serve).
# Processes × threads answer requests at once; on 2 cores 3 × 4 served 50 users best.
WEB_WORKERS = env_int("WEB_WORKERS", default=3, minimum=1)
WEB_THREADS = env_int("WEB_THREADS", default=4, minimum=1)
PORT = env_int("PORT", default=8000, minimum=1)

# --- Data. The one place the code finds ONS and police.uk reference files.
_shared_data = BASE_DIR.parent / "shared" / "data"
REFERENCE_DATA_DIR = env_path("REFERENCE_DATA_DIR", _shared_data if _shared_data.is_dir() else None)
CRIME_STORE_DIR = env_path("CRIME_STORE_DIR", VAR_DIR / "crime-store")
# Uploaded quarterly returns: refused above this size, or with more rows than this on a sheet,
# before any row is checked, so that no upload can hold a web worker for long.
RETURN_MAX_BYTES = env_int("RETURN_MAX_BYTES", default=5 * 1024 * 1024, minimum=1024)
RETURN_MAX_ROWS = env_int("RETURN_MAX_ROWS", default=200, minimum=1)

# police.uk's monthly archives (<address>/YYYY-MM.zip), read by manage.py fetch_police_uk only.
POLICE_UK_ARCHIVE_URL = env_str("POLICE_UK_ARCHIVE_URL", "https://data.police.uk/data/archive")

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO").upper()},
    # WeasyPrint narrates every layout step at INFO; its warnings are what matter.
    "loggers": {"weasyprint": {"level": "WARNING"}, "fontTools": {"level": "WARNING"}},
}
