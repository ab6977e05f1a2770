"""The one settings module. Everything that differs between installations comes from
environment variables (see README "Cấu hình"); defaults give the embedded set-up:
SQLite and files on local disk, no other service."""

import datetime as dt
import ipaddress
import re
import secrets
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from vanphong.env import env_bool, env_choice, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(env_str("VANPHONG_DATA_DIR", str(BASE_DIR / "data"))).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    key = env_str("VANPHONG_SECRET_KEY", "")
    if key:
        return key
    # Embedded default: one random key per installation, kept beside the data.
    path = DATA_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = env_bool("VANPHONG_DEBUG", False)
ALLOWED_HOSTS = env_list("VANPHONG_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("VANPHONG_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "template_partials",
    "django_htmx",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_tasks",
    "django_tasks_db",
    "vanphong.organizations",
    "vanphong.workdays",
    "vanphong.audit",
    "vanphong.files",
    "vanphong.registers",
    "vanphong.incoming",
    "vanphong.outgoing",
    "vanphong.intake",
    "vanphong.search",
    "vanphong.notices",
    "vanphong.followup",
    "vanphong.schedule",
    "vanphong.records",
    "vanphong.home",
    "vanphong.administration",
    "vanphong.accounts",
    "vanphong.api",
    "vanphong.demo",
]

MIDDLEWARE = [
    # First: refuses oversized bodies before anything (the CSRF check) reads them.
    "vanphong.body_limit.BodyLimitMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
    "vanphong.organizations.middleware.ActingOrganizationMiddleware",
    # Last: turns a login refused for too many failures into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "vanphong.urls"
WSGI_APPLICATION = "vanphong.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "vanphong" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "vanphong.organizations.context_processors.acting",
                "vanphong.notices.context_processors.notices",
                "vanphong.home.menu.menu",
            ],
            # {% date_input %} for filters outside a form: vanphong/widgets.py.
            "libraries": {"inputs": "vanphong.widgets"},
        },
    },
]

# --- Database -------------------------------------------------------------------
# DATABASE_URL selects PostgreSQL in production; SQLite is the embedded default.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{DATA_DIR / 'vanphong.sqlite3'}"),
        conn_max_age=env_int("VANPHONG_DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        # IMMEDIATE: a writing transaction takes the write lock at BEGIN, so two clerks
        # registering at once queue up instead of failing with "database is locked".
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
        ),
    }
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / "test.sqlite3")}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "organizations.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home:my_work"
LOGOUT_REDIRECT_URL = "login"

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        "OPTIONS": {"user_attributes": ("username", "full_name", "email")},
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Login security -------------------------------------------------------------
# Lockout (django-axes, attempts kept in the database: shared by every web process,
# kept across restarts, visible to administrators). A failure counts toward three
# locks, each with its own limit: this name from this address, this name from
# anywhere, this address for any name. An office behind one NAT shares an address, so
# the address limit is higher and one person's typos lock only that person there.
AUTHENTICATION_BACKENDS = [
    "vanphong.accounts.lockout.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = "vanphong.accounts.lockout.LockoutHandler"
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "username", "ip_address"]
#: Failures that lock each of AXES_LOCKOUT_PARAMETERS, in the same order.
LOGIN_FAILURE_LIMITS = (
    env_int("VANPHONG_LOGIN_LIMIT", 5, minimum=1),
    env_int("VANPHONG_LOGIN_LIMIT_ACCOUNT", 20, minimum=1),
    env_int("VANPHONG_LOGIN_LIMIT_ADDRESS", 30, minimum=1),
)
#: The first lock lasts this long; each further failure doubles it (at most a day).
LOGIN_LOCK_MINUTES = env_int("VANPHONG_LOGIN_LOCK_MINUTES", 5, minimum=1)
AXES_FAILURE_LIMIT = LOGIN_FAILURE_LIMITS[0]
#: How long a failure is remembered (the longest lock too).
AXES_COOLOFF_TIME = dt.timedelta(hours=24)
# Attempts made while locked are refused unchecked and do not lengthen the lock.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "vanphong.accounts.lockout.lockout_response"
AXES_CLIENT_IP_CALLABLE = "vanphong.addresses.client_address"
AXES_DISABLE_ACCESS_LOG = True
AXES_HTTP_RESPONSE_CODE = 429


def _networks(name: str) -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    try:
        return [ipaddress.ip_network(item, strict=False) for item in env_list(name, [])]
    except ValueError as error:
        raise ImproperlyConfigured(f"{name}: {error}") from None


#: Reverse proxies whose X-Forwarded-For is believed (addresses or networks).
VANPHONG_TRUSTED_PROXIES = _networks("VANPHONG_TRUSTED_PROXIES")

# Second factor (django-otp): TOTP apps, plus single-use recovery codes.
OTP_TOTP_ISSUER = "Một Văn Phòng"
#: The Django admin is off unless asked for, and then only for superusers with a
#: second factor (the product's own administration pages do the everyday work).
VANPHONG_DJANGO_ADMIN = env_bool("VANPHONG_DJANGO_ADMIN", False)

# --- Language and time ----------------------------------------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt")]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = False
# Dates are typed dd/mm/yyyy, times on 24 hours (vanphong/widgets.py has the fields the
# forms use); these are for any plain Django field. ISO too, for API clients.
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
TIME_INPUT_FORMATS = ["%H:%M", "%H:%M:%S"]
DATETIME_INPUT_FORMATS = ["%d/%m/%Y %H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M",
                          "%Y-%m-%d %H:%M:%S"]

# --- Files ----------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("VANPHONG_STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "vanphong" / "static"]
MEDIA_ROOT = DATA_DIR / "files"

_STORAGE = env_choice("VANPHONG_STORAGE", "local", {"local", "s3"})
if _STORAGE == "s3":
    _default_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env_str("VANPHONG_S3_BUCKET", "vanphong"),
            "endpoint_url": env_str("VANPHONG_S3_ENDPOINT_URL", "") or None,
            "access_key": env_str("VANPHONG_S3_ACCESS_KEY", ""),
            "secret_key": env_str("VANPHONG_S3_SECRET_KEY", ""),
            "region_name": env_str("VANPHONG_S3_REGION", "us-east-1"),
            "file_overwrite": False,
            "querystring_auth": False,
        },
    }
else:
    _default_storage = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(MEDIA_ROOT)},
    }
STORAGES = {
    "default": _default_storage,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

MAX_UPLOAD_MB = env_int("VANPHONG_MAX_UPLOAD_MB", 50, minimum=1)
#: The largest request body accepted (several files uploaded at once).
VANPHONG_MAX_REQUEST_MB = env_int("VANPHONG_MAX_REQUEST_MB", 4 * MAX_UPLOAD_MB, minimum=1)
if VANPHONG_MAX_REQUEST_MB < MAX_UPLOAD_MB:
    raise ImproperlyConfigured("VANPHONG_MAX_REQUEST_MB must be >= VANPHONG_MAX_UPLOAD_MB")
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FILES = 50

# --- Background work ------------------------------------------------------------
_TASKS = env_choice("VANPHONG_TASKS", "database", {"database", "redis", "immediate"})
_TASK_BACKENDS = {
    "database": {"BACKEND": "django_tasks_db.DatabaseBackend"},
    "redis": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]},
    "immediate": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
}
TASKS = {"default": _TASK_BACKENDS[_TASKS]}
_REDIS_URL = env_str("REDIS_URL", "")
RQ_QUEUES = {"default": {"URL": _REDIS_URL or "redis://127.0.0.1:6379/0"}}

# The cache holds the API's request counts, shared by every web process: Redis when
# configured, else files in the data folder (one machine).
CACHES: dict[str, dict[str, Any]]
if _TASKS == "redis" or _REDIS_URL:
    CACHES = {"default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": RQ_QUEUES["default"]["URL"], "KEY_PREFIX": "vanphong",
    }}
else:
    CACHES = {"default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(DATA_DIR / "cache"), "OPTIONS": {"MAX_ENTRIES": 5000},
    }}

# --- Security -------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 60 * 60 * 10
SESSION_COOKIE_SECURE = env_bool("VANPHONG_SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "SAMEORIGIN"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:", "blob:"],
        "frame-src": ["'self'", "blob:"],
        "object-src": ["'self'", "blob:"],
        "style-src": ["'self'"],
        "script-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("VANPHONG_LOG_LEVEL", "WARNING")},
}

NINJA_PAGINATION_PER_PAGE = 50


def _rate(name: str, default: str) -> str:
    value = env_str(name, default).strip()
    if not re.fullmatch(r"[1-9][0-9]*/(s|sec|min|h|hour|d|day)", value):
        raise ImproperlyConfigured(f"{name} must look like 600/min (per s, min, h or d), "
                                   f"got {value!r}")
    return value


#: API requests per user (valid token), and per address without a valid token.
VANPHONG_API_RATES = {
    "user": _rate("VANPHONG_API_RATE", "600/min"),
    "anonymous": _rate("VANPHONG_API_ANONYMOUS_RATE", "30/min"),
}

# Outgoing mail to external recipients (issue #3). Without a host, nothing is sent and
# each recipient shows "Chưa cấu hình máy chủ gửi thư" until one is configured.
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = env_str("VANPHONG_SMTP_HOST", "")
EMAIL_PORT = env_int("VANPHONG_SMTP_PORT", 25, minimum=1)
EMAIL_HOST_USER = env_str("VANPHONG_SMTP_USER", "")
EMAIL_HOST_PASSWORD = env_str("VANPHONG_SMTP_PASSWORD", "")
EMAIL_USE_TLS = env_bool("VANPHONG_SMTP_STARTTLS", False)
EMAIL_USE_SSL = env_bool("VANPHONG_SMTP_SSL", False)
EMAIL_TIMEOUT = env_int("VANPHONG_SMTP_TIMEOUT", 30, minimum=1)
DEFAULT_FROM_EMAIL = env_str("VANPHONG_MAIL_FROM", "vanphong@localhost")
#: The address people open the application at: links in e-mailed notices point here.
BASE_URL = env_str("VANPHONG_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
VANPHONG_SOFFICE = env_str("VANPHONG_SOFFICE", "") or None
#: Ghostscript, which makes the PDF/A copies of archival packages (`gs` on the PATH if empty).
VANPHONG_GHOSTSCRIPT = env_str("VANPHONG_GHOSTSCRIPT", "") or None

# Intake (issue #4): OCR with Tesseract, the watched folder.
VANPHONG_TESSERACT = env_str("VANPHONG_TESSERACT", "") or None
VANPHONG_OCR_THREADS = env_int("VANPHONG_OCR_THREADS", 2, minimum=1)
VANPHONG_OCR_TIMEOUT = env_int("VANPHONG_OCR_TIMEOUT", 900, minimum=10)
VANPHONG_OCR_MAX_PAGES = env_int("VANPHONG_OCR_MAX_PAGES", 60, minimum=1)
#: Pixels one page may be rendered or decoded to for OCR (a larger page is rendered at a
#: lower resolution; a larger PNG/TIFF is refused), and all pages of a document together:
#: what bounds the memory of the worker and of Tesseract. 40 Mpx holds A4 at 600 DPI.
VANPHONG_OCR_MAX_PAGE_MPX = env_int("VANPHONG_OCR_MAX_PAGE_MPX", 40, minimum=1)
VANPHONG_OCR_MAX_DOCUMENT_MPX = env_int("VANPHONG_OCR_MAX_DOCUMENT_MPX", 600, minimum=1)
#: Seconds a worker holds an intake item without renewing it (renewed while it works):
#: an item whose worker died is taken back by the next sweep after this.
VANPHONG_INTAKE_LEASE_SECONDS = env_int("VANPHONG_INTAKE_LEASE_SECONDS", 60, minimum=2)
VANPHONG_INTAKE_FOLDER = env_str("VANPHONG_INTAKE_FOLDER", "") or None
VANPHONG_INTAKE_OFFICE = env_str("VANPHONG_INTAKE_OFFICE", "") or None

# Search (issue #5): the embedded index lives in this folder (one writer, the worker).
VANPHONG_SEARCH_DIR = env_str("VANPHONG_SEARCH_DIR", str(DATA_DIR / "search"))
