"""Threadly settings, all driven by the environment (see `.env.example`).

With nothing set, Threadly runs on the embedded default: an SQLite file, with the cache in
a table of it. Each integration is switched on by its URL being set.
"""

from datetime import timedelta
from pathlib import Path

import environ
from django.utils.csp import CSP

from threadly import database_settings, email_settings, redis_settings, storage_settings
from threadly.observability import logs

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
if DEBUG:
    SECRET_KEY = env.str("SECRET_KEY", default="django-insecure-threadly-development-only")
else:
    SECRET_KEY = env.str("SECRET_KEY")

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
CSRF_FAILURE_VIEW = "threadly.views.csrf_failure"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django_htmx",
    "rest_framework",
    "rest_framework_simplejwt.token_blacklist",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    "oauth2_provider",
    "threadly.apps.ThreadlyConfig",
    "accounts",
    "posts",
    "social",
    "search",
    "notifications",
    "moderation",
    "timelines",
    "images",
    "previews",
    "mastodon_api",
    # The top floor: it composes the apps above; none of them imports it.
    "operations",
]

MIDDLEWARE = [
    # First: the request id, metrics and log line cover every answer, the other middleware's too.
    "threadly.observability.middleware.RequestObservabilityMiddleware",
    "threadly.db_router.ReplicaReadsMiddleware",  # Only with DATABASE_REPLICA_URLS: who may read a replica.
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    # Outside ConditionalGetMiddleware, so that a 304 also carries the X-RateLimit-* headers.
    "threadly.api.middleware.ApiMiddleware",
    "threadly.nul_bytes.AdminNulByteMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "mastodon_api.middleware.TrailingSlashMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "threadly.time_zones.ViewerTimeZoneMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "threadly.htmx_login.HtmxLoginRedirectMiddleware",
    "threadly.ratelimit.RateLimitMiddleware",
    "threadly.pagination.BrokenLinkMiddleware",
]

ROOT_URLCONF = "threadly.urls"
WSGI_APPLICATION = "threadly.wsgi.application"

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
                "django.template.context_processors.csp",
            ],
        },
    },
]

DATABASES = database_settings.databases(env, base_dir=BASE_DIR)
# Reads go to a replica, except a person's for READ_YOUR_WRITES_SECONDS after they write (threadly.db_router).
DATABASE_ROUTERS = ["threadly.db_router.PrimaryReplicaRouter"] if database_settings.replica_aliases(DATABASES) else []
READ_YOUR_WRITES_SECONDS = env.int("READ_YOUR_WRITES_SECONDS", default=10)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.str("REDIS_URL", default="")
# Every Redis call passes one circuit breaker per process (threadly/redis_settings.py, threadly.redis_guard).
REDIS_BREAKER_FAILURES, REDIS_BREAKER_COOLDOWN_SECONDS = redis_settings.breaker_settings(env)
if REDIS_URL:
    CACHES = {"default": redis_settings.cache_from_env(env, REDIS_URL)}
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
    # Sessions are read from Redis and written through to the database: no session query on a warm
    # cache. A session ended while Redis was down stays ended (threadly.sessions: cached_db's store,
    # with evictions); a suspension's new session epoch changes the auth hash every request checks.
    SESSION_ENGINE = "threadly.sessions"
else:
    # A table in the database (`manage.py createcachetable`; `make run` does it): unlike an
    # in-process cache, every gunicorn worker and command sees the same rate-limit counts and
    # badges. Rate-limit windows expire on their own; the cap only bounds a runaway table.
    CACHES = {
        "default": {
            "BACKEND": "threadly.cache.SharedDatabaseCache",
            "LOCATION": "threadly_cache",
            "OPTIONS": {"MAX_ENTRIES": 100_000},
        }
    }
    # Sessions stay in the database (Django's default engine): this cache is a table too, so caching
    # them would save nothing, and a per-process cache would let each gunicorn worker read its own
    # stale copy of a session another worker ended (logout, suspension).

# Celery: Redis is the broker when REDIS_URL is set; otherwise tasks run eagerly in-process.
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_DEFAULT_QUEUE = "default"
CELERY_TASK_QUEUES = {name: {} for name in ("notifications", "feeds", "search", "media", "default")}
CELERY_TASK_ROUTES = {
    "notifications.tasks.relay_outbox": {"queue": "default"},
    "notifications.tasks.*": {"queue": "notifications"},
    "timelines.tasks.*": {"queue": "feeds"},
    "images.tasks.*": {"queue": "media"},
    "previews.tasks.*": {"queue": "media"},
}
# A task is acknowledged when it has finished, so a worker that dies mid-task leaves it to another.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=120)
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=150)
# Publishing fails fast when Redis is down: the outbox relay hands the work over later.
CELERY_TASK_PUBLISH_RETRY = False
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# An unacknowledged task (its worker was killed) goes back to the queue after this many seconds.
# Keep it above the longest retry countdown (600 s) plus the time limit, or retries run twice.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=900),
    **redis_settings.broker_socket_options(env),
}
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_BEAT_SCHEDULE = {
    "relay-outbox": {"task": "notifications.tasks.relay_outbox", "schedule": 60.0},
    "relay-unpublished-tasks": {"task": "threadly.tasks.relay_unpublished_tasks", "schedule": 60.0},
    "apply-session-evictions": {"task": "threadly.tasks.apply_session_evictions", "schedule": 60.0},
    "prune-idempotency-keys": {"task": "threadly.tasks.prune_idempotency_keys", "schedule": 3600.0},
    "prune-expired-tokens": {"task": "accounts.tasks.prune_expired_tokens", "schedule": 3600.0},
    "delete-abandoned-images": {"task": "images.tasks.delete_abandoned_images", "schedule": 3600.0},
    "relay-unprocessed-images": {"task": "images.tasks.relay_unprocessed_images", "schedule": 300.0},
}

# Notifications: recipients per fan-out task, how long undoing and redoing a like or follow
# stays silent, when the relay hands a pending event over again, how long the badge is cached.
NOTIFICATION_CHUNK_SIZE = env.int("NOTIFICATION_CHUNK_SIZE", default=1000)
NOTIFICATION_REPEAT_WINDOW = timedelta(minutes=env.int("NOTIFICATION_REPEAT_WINDOW_MINUTES", default=60))
OUTBOX_RELAY_AFTER = timedelta(seconds=env.int("OUTBOX_RELAY_AFTER_SECONDS", default=300))
NOTIFICATION_BADGE_CACHE_SECONDS = 60

AUTH_USER_MODEL = "accounts.User"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "accounts.password_validation.NewPasswordEndsAppAccess"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "social:home"
LOGOUT_REDIRECT_URL = "social:explore"

# EMAIL_URL: consolemail:// (default: emails are printed), smtp+tls://user:password@host:587, …
# (threadly/email_settings.py).
MAILERS = email_settings.mailers(env)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Threadly <noreply@localhost>")

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Hashed file names need `collectstatic` to have run: production and the Docker image do it.
STATIC_MANIFEST = env.bool("STATIC_MANIFEST", default=not DEBUG)
# Uploads on the filesystem under MEDIA_ROOT, or in S3-compatible storage when S3_BUCKET is set
# (threadly/storage_settings.py).
STORAGES = storage_settings.storages(
    env,
    static_backend="whitenoise.storage.CompressedManifestStaticFilesStorage"
    if STATIC_MANIFEST
    else "django.contrib.staticfiles.storage.StaticFilesStorage",
)
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# Without a reverse proxy or object storage in front, Django serves uploaded avatars itself.
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=DEBUG)

# Production security (README "Production checklist"): HTTPS only, HSTS and secure cookies unless
# DEBUG; `make run` (DEBUG) and the tests serve plain http with these off.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env.bool("BEHIND_TLS_PROXY", default=False) else None
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
# Load balancers and Prometheus probe these over plain http from inside the network.
SECURE_REDIRECT_EXEMPT = [r"^(healthz|readyz|metrics)/?$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 365 * 24 * 3600)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
# Preloading asks browsers to hard-code HTTPS for the domain, which takes months to undo: opt in on purpose.
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=not DEBUG)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# Pages hand htmx the token in the markup (hx-headers on <body>); no script reads the cookie.
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
# Nothing inline runs or styles the page unless it carries the request's nonce ({{ csp_nonce }}):
# only the API docs page needs one. Images come from /media/ on the same origin, or from the S3
# storage's public address when one is configured.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:", *storage_settings.media_origins(env)],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

# Product limits.
POST_MAX_LENGTH = env.int("POST_MAX_LENGTH", default=280)
# Images (images/): how many a post carries, the largest upload in bytes and in pixels (past it, a
# decompression bomb), the longest side kept and thumbnailed, and alt text's length.
POST_MAX_IMAGES = env.int("POST_MAX_IMAGES", default=4)
IMAGE_MAX_BYTES = env.int("IMAGE_MAX_BYTES", default=10 * 1024 * 1024)
IMAGE_MAX_PIXELS = env.int("IMAGE_MAX_PIXELS", default=40_000_000)
IMAGE_MAX_SIDE = env.int("IMAGE_MAX_SIDE", default=2048)
IMAGE_THUMBNAIL_SIDE = env.int("IMAGE_THUMBNAIL_SIDE", default=640)
IMAGE_ALT_TEXT_MAX_LENGTH = 1500
# Link previews (previews/): one fetch's limits (seconds in all, bytes of page and of picture, redirects),
# how long a card lasts before a post linking there fetches it again, the card picture's longest side.
LINK_PREVIEW_TIMEOUT = env.float("LINK_PREVIEW_TIMEOUT", default=5.0)
LINK_PREVIEW_MAX_BYTES = env.int("LINK_PREVIEW_MAX_BYTES", default=1024 * 1024)
LINK_PREVIEW_IMAGE_MAX_BYTES = env.int("LINK_PREVIEW_IMAGE_MAX_BYTES", default=2 * 1024 * 1024)
LINK_PREVIEW_MAX_REDIRECTS = 3
LINK_PREVIEW_TTL = timedelta(hours=env.int("LINK_PREVIEW_TTL_HOURS", default=24))
LINK_PREVIEW_IMAGE_SIDE = 400
# TESTS ONLY, never from the environment: non-public addresses (the tests' 127.0.0.1 server) the guard
# lets through, on any port. Empty in every real deployment: previews.guard refuses them all.
LINK_PREVIEW_TEST_ADDRESSES = frozenset()
PAGE_SIZE = env.int("PAGE_SIZE", default=30)
# How long a post's cached renderings live in Redis (posts.hydration); a new version replaces them sooner.
POST_RENDERING_CACHE_SECONDS = env.int("POST_RENDERING_CACHE_SECONDS", default=24 * 60 * 60)

# Home timelines (timelines/): how many post ids each Redis feed keeps, whose feeds the fan-out
# writes (read within so many days), and from how many followers an author is pulled, not pushed.
HOME_FEED_CAP = env.int("HOME_FEED_CAP", default=400)
HOME_FEED_ACTIVE_DAYS = env.int("HOME_FEED_ACTIVE_DAYS", default=14)
HOME_FEED_PUSH_MAX_FOLLOWERS = env.int("HOME_FEED_PUSH_MAX_FOLLOWERS", default=10_000)

# Search: the longest query, how fast relevance gives way to recency, how long trending tags are cached.
SEARCH_QUERY_MAX_LENGTH = env.int("SEARCH_QUERY_MAX_LENGTH", default=256)
SEARCH_RECENCY_HALF_LIFE = timedelta(days=env.int("SEARCH_RECENCY_HALF_LIFE_DAYS", default=30))
TRENDING_TAGS_CACHE_SECONDS = 300

# How many reverse proxies append to X-Forwarded-For in front of Threadly (0: use REMOTE_ADDR).
NUM_PROXIES = env.int("NUM_PROXIES", default=0)
# Rate limits per client: "count/seconds". Keyed by user when logged in, else by IP;
# "login_account" counts failed logins per account and address (accounts.login_attempts).
RATE_LIMITS = {
    "signup": env.str("RATE_LIMIT_SIGNUP", default="10/3600"),
    "login": env.str("RATE_LIMIT_LOGIN", default="20/300"),
    "login_account": env.str("RATE_LIMIT_LOGIN_ACCOUNT", default="5/900"),
    "post": env.str("RATE_LIMIT_POST", default="30/300"),
    "upload": env.str("RATE_LIMIT_UPLOAD", default="60/300"),
    "follow": env.str("RATE_LIMIT_FOLLOW", default="120/300"),
    "report": env.str("RATE_LIMIT_REPORT", default="20/3600"),
    "app_register": env.str("RATE_LIMIT_APP_REGISTER", default="30/3600"),
    "api_anon": env.str("RATE_LIMIT_API_ANON", default="300/60"),
    "api_user": env.str("RATE_LIMIT_API_USER", default="1200/60"),
}
# Logins (accounts.login_attempts). An address that reaches its "login_account" limit for one
# account cannot log in to it for LOGIN_LOCKOUT_SECONDS, password or not (other addresses can).
# From every address together: after LOGIN_SLOWDOWN_AFTER failures (forgotten after
# LOGIN_SLOWDOWN_WINDOW seconds without one) each try waits 2, 4, 8 … up to
# LOGIN_SLOWDOWN_MAX_SECONDS after the last failure.
LOGIN_LOCKOUT_SECONDS = env.int("LOGIN_LOCKOUT_SECONDS", default=900)
LOGIN_SLOWDOWN_AFTER = env.int("LOGIN_SLOWDOWN_AFTER", default=10)
LOGIN_SLOWDOWN_WINDOW = env.int("LOGIN_SLOWDOWN_WINDOW", default=3600)
LOGIN_SLOWDOWN_MAX_SECONDS = env.int("LOGIN_SLOWDOWN_MAX_SECONDS", default=60)

# The JSON API (see threadly/api/). Bodies over the limit are refused with a 413;
# multipart uploads may be as large as an image (IMAGE_MAX_BYTES) plus room for the form fields.
API_MAX_BODY_BYTES = env.int("API_MAX_BODY_BYTES", default=64 * 1024)
IDEMPOTENCY_KEY_TTL = timedelta(hours=24)
# DRF, the OpenAPI schema, the OAuth server (django-oauth-toolkit) and CORS, which read nothing from
# the environment: REST_FRAMEWORK, SPECTACULAR_SETTINGS, OAUTH2_PROVIDER*, CORS_*.
from threadly.api.library_settings import *  # noqa: E402, F403

SILENCED_SYSTEM_CHECKS += OAUTH_DEPLOY_CHECKS_SILENCED  # noqa: F405
# Apps' tokens last long: Mastodon's never expire and most apps never refresh. A person ends one in
# Settings → Apps; a new password or a suspension ends them all (accounts.tokens.app_tokens_end).
OAUTH2_PROVIDER["ACCESS_TOKEN_EXPIRE_SECONDS"] = env.int("OAUTH_ACCESS_TOKEN_DAYS", default=3650) * 24 * 3600  # noqa: F405

SIMPLE_JWT = {
    "ACCESS_TOKEN_LIFETIME": timedelta(minutes=env.int("JWT_ACCESS_MINUTES", default=15)),
    "REFRESH_TOKEN_LIFETIME": timedelta(days=env.int("JWT_REFRESH_DAYS", default=14)),
    "ROTATE_REFRESH_TOKENS": True,
    "BLACKLIST_AFTER_ROTATION": True,
    "UPDATE_LAST_LOGIN": True,
    # A password change ends every token issued before it; so do a raised session epoch, a logout
    # and a reused refresh token (accounts.tokens).
    "CHECK_REVOKE_TOKEN": True,
    "AUTH_HEADER_TYPES": ("Bearer",),
}

# Operations (see threadly/observability/): /readyz gives each check this many seconds; /metrics
# answers staff sessions, `Authorization: Bearer <METRICS_TOKEN>` (unset: no token works) and
# the addresses or networks in METRICS_ALLOWED_IPS (e.g. 10.0.0.0/8, as seen through NUM_PROXIES).
READINESS_TIMEOUT = env.float("READINESS_TIMEOUT", default=2.0)
METRICS_TOKEN = env.str("METRICS_TOKEN", default="")
METRICS_ALLOWED_IPS = env.list("METRICS_ALLOWED_IPS", default=[])

# One JSON object a line on stdout, each with the request id it belongs to (in workers too);
# LOG_FORMAT=text for people reading a terminal (the default under DEBUG, as with `make run`).
LOG_FORMAT = env.str("LOG_FORMAT", default="") or ("text" if DEBUG else "json")
if LOG_FORMAT not in {"json", "text"}:
    raise environ.ImproperlyConfigured(f"LOG_FORMAT must be json or text, not {LOG_FORMAT!r}.")
LOGGING = logs.logging_settings(log_format=LOG_FORMAT, level=env.str("LOG_LEVEL", default="INFO"))
