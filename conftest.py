"""Test set-up shared by every app: service markers, CI strictness, isolation per test."""

import importlib.util
import os
import shutil
from types import SimpleNamespace

import pytest
from django.conf import settings

from accounts.factories import UserFactory
from accounts.models import User

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


def _service_skip_reasons() -> dict[str, str | None]:
    on_postgres = settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
    return {
        "postgres": None if on_postgres else "needs PostgreSQL: `make test` starts one when postgresql is installed",
        "redis": None if settings.REDIS_URL else "needs Redis: `make test` starts one when redis-server is installed",
        "replica": None
        if on_postgres and os.environ.get("TEST_REPLICA_DATABASE_URL")
        else "needs a streaming replica: `make test` starts one (bin/with-services --replica)",
        "browser": None if shutil.which(CHROMIUM) else f"needs Debian's chromium at {CHROMIUM}",
        "s3": None
        if on_postgres and importlib.util.find_spec("moto")
        else "needs the service run (`make test`) and moto from requirements-dev.txt",
        "pgbouncer": None
        if on_postgres and (shutil.which("pgbouncer") or os.path.exists("/usr/sbin/pgbouncer"))
        else "needs PostgreSQL (`make test`) and Debian's pgbouncer (apt-get install pgbouncer)",
    }


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """With bin/with-services --replica, the alias replica_1 (unused unless a test routes to it)."""
    from tests.replicas import add_replica_alias

    add_replica_alias()


def pytest_collection_modifyitems(config, items):
    reasons = _service_skip_reasons()
    for item in items:
        for marker, reason in reasons.items():
            if reason and marker in item.keywords:
                item.add_marker(pytest.mark.skip(reason=reason))


def _skipped(config) -> list:
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    return reporter.stats.get("skipped", []) if reporter else []


def pytest_sessionfinish(session, exitstatus):
    """In CI every test must run: a skip means a service or the browser is missing."""
    if IN_CI and _skipped(session.config) and session.exitstatus == 0:
        session.exitstatus = 1


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if IN_CI and (skipped := _skipped(config)):
        terminalreporter.write_sep("=", f"CI=true: {len(skipped)} skipped; CI must exercise every service", red=True)


@pytest.fixture(autouse=True)
def isolated_environment(settings, tmp_path):
    """A fresh cache, a private media folder and a fast password hasher for every test.

    Celery tasks run eagerly, in the test, even when REDIS_URL is set: only the integration
    tests (tests/integration) start real workers, and they switch this off themselves.
    """
    from django.core.cache import cache

    from threadly import redis_guard
    from threadly.celery import app

    redis_guard.reset()
    if not settings.REDIS_URL:
        # The embedded default's cache is a database table, which most tests may not touch; here
        # one process runs them, so an in-process cache does. threadly/tests/test_database_cache.py
        # and tests/integration/test_embedded_default.py test the table, the latter across processes.
        settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    cache.clear()
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    eager = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = eager
    cache.clear()


@pytest.fixture
def clock(monkeypatch):
    """A settable clock for the rate limits and the login lockout, 10 s into a minute: no window rolls over mid-test."""
    from threadly import ratelimit

    fake = SimpleNamespace(start=1_000_030.0, now=1_000_030.0)
    monkeypatch.setattr(ratelimit, "time", SimpleNamespace(time=lambda: fake.now))
    return fake


@pytest.fixture
def limits(settings):
    """`limits(scope, "count/seconds")`: one rate limit changed for this test."""

    def set_limit(scope: str, rate: str) -> None:
        settings.RATE_LIMITS = {**settings.RATE_LIMITS, scope: rate}

    return set_limit


# The named people have fixed display names: a random one ("Martha") could match a search test's words.
@pytest.fixture
def alice(db):
    return UserFactory(username="alice", display_name="Alice")


@pytest.fixture
def bob(db):
    return UserFactory(username="bob", display_name="Bob")


@pytest.fixture
def carol(db):
    return UserFactory(username="carol", display_name="Carol")


@pytest.fixture
def moderator(db):
    return UserFactory(username="moderator", role=User.Role.MODERATOR)


@pytest.fixture
def api_client():
    """An anonymous client of the JSON API."""
    from rest_framework.test import APIClient

    return APIClient()


@pytest.fixture
def api_as(db):
    """`api_as(user)`: an API client that sends a real access token for `user`, as apps do."""
    from rest_framework.test import APIClient
    from rest_framework_simplejwt.tokens import RefreshToken

    def client_for(user: User):
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {RefreshToken.for_user(user).access_token}")
        return client

    return client_for
