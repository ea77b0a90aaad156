"""/healthz and /readyz: quick answers, no session; a 503 naming the database when it is down, a 200
"degraded" naming Redis (the cache, the broker) when only it is, since the site serves without it."""

import copy
import socket
import time

import pytest
from django.db import connections

from accounts.factories import UserFactory
from tests.integration.processes import free_port
from threadly import redis_guard
from threadly.circuit_breaker import State
from threadly.redis_settings import redis_cache


@pytest.fixture
def eager_off(settings):
    """Celery publishing to a broker instead of running tasks in-process (the conftest makes them eager)."""
    from threadly.celery import app

    saved = (app.conf.task_always_eager, app.conf.broker_url)
    app.conf.task_always_eager = False
    yield app
    app.conf.task_always_eager, app.conf.broker_url = saved


@pytest.fixture
def silent_server():
    """A TCP port that accepts connections (the kernel's backlog) and never answers: a hung service."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(8)
        yield listener.getsockname()[1]


def redis_cache_at(port: int, *, socket_timeout: float = 0.5) -> dict:
    url = f"redis://127.0.0.1:{port}/0"
    return {"default": redis_cache(url, connect_timeout=socket_timeout, socket_timeout=socket_timeout)}


@pytest.mark.django_db
def test_healthz_answers_ok_without_a_session_or_a_query(client, django_assert_num_queries):
    client.force_login(UserFactory())

    with django_assert_num_queries(0):
        response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "sessionid" not in response.cookies
    assert "Cookie" not in response.get("Vary", "")
    assert "no-cache" in response["Cache-Control"]


def test_probes_are_not_rate_limited(client, limits, db):
    limits("api_anon", "1/60")

    answers = {client.get(path).status_code for path in ("/healthz", "/readyz") for _ in range(25)}

    assert answers == {200}


@pytest.mark.django_db
def test_readyz_on_the_configured_services(client):
    """The embedded default (SQLite, in-process cache) or, under bin/with-services, PostgreSQL
    and Redis as the cache; tasks are eager in unit tests, so there is no broker to check."""
    response = client.get("/readyz")

    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok", "broker": "not used"},
    }


@pytest.mark.django_db
def test_readyz_is_degraded_naming_the_cache_when_redis_refuses(client, settings):
    settings.CACHES = redis_cache_at(free_port())

    started = time.monotonic()
    response = client.get("/readyz")

    assert time.monotonic() - started < 5
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    assert body["checks"]["cache"].startswith("error: ")
    assert body["checks"]["database"] == "ok"


@pytest.mark.django_db
def test_readyz_gives_up_on_a_service_that_hangs_after_the_timeout(client, settings, silent_server):
    settings.READINESS_TIMEOUT = 0.5
    settings.CACHES = redis_cache_at(silent_server, socket_timeout=5)

    started = time.monotonic()
    response = client.get("/readyz")

    assert time.monotonic() - started < 2
    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert response.json()["checks"]["cache"] == "error: no answer within 0.5 s"


@pytest.mark.django_db
def test_readyz_is_degraded_naming_the_broker_when_it_refuses(client, eager_off):
    eager_off.conf.broker_url = f"redis://127.0.0.1:{free_port()}/0"

    started = time.monotonic()
    response = client.get("/readyz")

    assert time.monotonic() - started < 5
    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    checks = response.json()["checks"]
    assert checks["broker"].startswith("error: ")
    assert (checks["database"], checks["cache"]) == ("ok", "ok")


@pytest.mark.django_db
def test_readyz_is_unavailable_naming_the_database_when_postgresql_refuses(client, monkeypatch):
    """A PostgreSQL that is down, as its clients see it: nothing listens on its port. The check
    opens a fresh connection from the alias's settings, so only new connections go there; the
    test's own connection is left alone."""
    unreachable = copy.deepcopy(connections.settings["default"])
    unreachable.update(
        ENGINE="django.db.backends.postgresql",
        HOST="127.0.0.1",
        PORT=str(free_port()),
        NAME="threadly",
        USER="threadly",
        PASSWORD="",
        OPTIONS={},
    )
    monkeypatch.setitem(connections.settings, "default", unreachable)

    started = time.monotonic()
    response = client.get("/readyz")

    assert time.monotonic() - started < 5
    assert response.status_code == 503
    checks = response.json()["checks"]
    assert checks["database"] == "error: OperationalError"
    assert checks["cache"] == "ok"


@pytest.mark.redis
@pytest.mark.django_db
def test_readyz_asks_redis_itself_while_the_breaker_skips_it_and_its_answer_closes_the_breaker(client):
    breaker = redis_guard.breaker()
    for _ in range(breaker.failures):
        breaker.record_failure()
    assert redis_guard.skipping()

    response = client.get("/readyz")

    assert response.json()["checks"]["cache"] == "ok"
    assert breaker.state == State.CLOSED
