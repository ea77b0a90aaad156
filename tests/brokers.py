"""Tests that publish Celery tasks to a broker of their choosing instead of running them in-process."""

from collections.abc import Iterator
from contextlib import contextmanager

from kombu import pools


def drop_broker_connections(app) -> None:
    """Close this process's broker connections, and empty kombu's registry of pools by URL, so
    that later tasks (eager ones take a producer from it too) open fresh ones."""
    if app._pool is not None:
        app._pool.force_close_all()
    pools.reset()
    app._pool = None
    app.amqp._producer_pool = None


@contextmanager
def broker_at(url: str, *, eager: bool = False) -> Iterator:
    """Celery publishing to `url` (an unreachable port: the broker is down; `memory://`: kombu's
    in-memory transport), on connections of its own. Everything is as it was afterwards."""
    from threadly.celery import app

    saved = (app.conf.task_always_eager, app.conf.broker_url)
    drop_broker_connections(app)
    app.conf.update(task_always_eager=eager, broker_url=url)
    try:
        yield app
    finally:
        drop_broker_connections(app)
        app.conf.update(task_always_eager=saved[0], broker_url=saved[1])
