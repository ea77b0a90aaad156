"""Tests that publish Celery tasks to a broker of their choosing instead of running them in-process."""

from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def broker_at(url: str, *, eager: bool = False) -> Iterator:
    """Celery publishing to `url` (an unreachable port: the broker is down; `memory://`: kombu's
    in-memory transport), with pools of its own: the app keeps the pools of the broker it first
    used, and kombu keeps those open, per URL. Everything is as it was afterwards."""
    from threadly.celery import app

    def drop_pooled_connections() -> None:
        app._pool = None
        app.amqp._producer_pool = None

    saved = (app.conf.task_always_eager, app.conf.broker_url)
    drop_pooled_connections()
    app.conf.update(task_always_eager=eager, broker_url=url)
    try:
        yield app
    finally:
        drop_pooled_connections()
        app.conf.update(task_always_eager=saved[0], broker_url=saved[1])
