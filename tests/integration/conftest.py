"""A private Redis, real `celery worker` processes on it and on the test database, and this
process's Celery app publishing to that Redis for the duration of a test."""

import os
from collections.abc import Callable, Iterator
from urllib.parse import quote

import pytest
from django.db import connection

from tests.brokers import drop_broker_connections

from . import outage
from .processes import CeleryWorker, RedisServer, log_tail

# Small, so that a worker killed mid-task has its unacknowledged messages back within seconds.
VISIBILITY_TIMEOUT = 3
# Recipients per delivery task: a fan-out to 2,000 followers is 20 tasks.
CHUNK_SIZE = 100


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """On a failure, the end of each worker's log goes into the report."""
    report = yield
    if report.failed:
        for worker in getattr(item, "celery_workers", []):
            report.sections.append((f"celery worker log: {worker.log.name}", log_tail(worker.log)))
    return report


@pytest.fixture
def redis_server(tmp_path) -> Iterator[RedisServer]:
    server = RedisServer(tmp_path)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def celery_app_on(redis_server, settings) -> Iterator:
    """This process's Celery app publishing to the test's Redis, never eagerly.

    Its configuration was read from settings.CELERY_* once, so it is changed on app.conf, and the
    pooled broker connections are dropped so that the next publish connects to the new broker.
    """
    from threadly.celery import app

    changed = {
        "broker_url": redis_server.url,
        "task_always_eager": False,
        # The settings' socket timeouts stay: a frozen Redis must not hang a publish for good.
        "broker_transport_options": {**app.conf.broker_transport_options, "visibility_timeout": VISIBILITY_TIMEOUT},
    }
    saved = {name: app.conf[name] for name in changed}
    drop_broker_connections(app)
    app.conf.update(changed)
    settings.NOTIFICATION_CHUNK_SIZE = CHUNK_SIZE
    yield app
    drop_broker_connections(app)
    app.conf.update(saved)


@pytest.fixture
def site_on_test_redis(redis_server, celery_app_on, settings) -> RedisServer:
    """This process's cache, feeds and broker on the test's Redis (tests.integration.outage)."""
    return outage.site_on(redis_server, celery_app_on, settings)


def _test_database_url() -> str:
    """The database the test runs on (pytest-django's test database), for other processes."""
    db = connection.settings_dict
    credentials = quote(db["USER"] or "", safe="")
    if db["PASSWORD"]:
        credentials += ":" + quote(db["PASSWORD"], safe="")
    host = db["HOST"] or "127.0.0.1"
    if host.startswith("/"):  # A Unix socket directory.
        host = quote(host, safe="")
    return f"postgres://{credentials}@{host}:{db['PORT'] or 5432}/{quote(db['NAME'], safe='')}"


@pytest.fixture
def start_worker(request, transactional_db, redis_server, celery_app_on, tmp_path, settings) -> Iterator[Callable]:
    """`start_worker()`: a new `celery worker` process, ready; each is stopped after the test.
    `start_worker(include=("tests.integration.slow_tasks",))` loads more tasks.

    It needs committed data (transactional_db) and is stopped before the database is flushed.
    """
    env = {
        **os.environ,
        "DATABASE_URL": _test_database_url(),
        "REDIS_URL": redis_server.url,  # Its broker and its cache.
        "CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY_TIMEOUT),
        "NOTIFICATION_CHUNK_SIZE": str(CHUNK_SIZE),
        # The test's private media folder: what the worker stores, the test reads.
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "PYTHONUNBUFFERED": "1",
    }
    workers: list[CeleryWorker] = []
    request.node.celery_workers = workers

    def start(include: tuple[str, ...] = ()) -> CeleryWorker:
        worker = CeleryWorker(log=tmp_path / f"worker-{len(workers) + 1}.log", env=env, include=include)
        workers.append(worker)
        worker.start()
        worker.wait_ready()
        return worker

    yield start
    for worker in workers:
        worker.stop()
