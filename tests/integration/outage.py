"""A Redis outage as the integration tests make one: this process's cache, feeds and broker on the
test's redis-server with short timeouts and cool-down, and that server stopped or frozen."""

import os
import signal
from collections.abc import Iterator
from contextlib import contextmanager

from threadly.redis_settings import redis_cache

from .processes import RedisServer

TIMEOUT = 0.5
FAILURES = 3
COOLDOWN = 3.0


def site_on(redis_server: RedisServer, celery_app, settings) -> RedisServer:
    """Cache, feeds and broker of this process on the test's Redis, with short timeouts and cool-down."""
    settings.REDIS_URL = redis_server.url
    settings.CACHES = {
        "default": redis_cache(redis_server.url, key_prefix="outage", connect_timeout=TIMEOUT, socket_timeout=TIMEOUT)
    }
    settings.REDIS_BREAKER_FAILURES = FAILURES
    settings.REDIS_BREAKER_COOLDOWN_SECONDS = COOLDOWN
    celery_app.conf.broker_transport_options = {
        **celery_app.conf.broker_transport_options,
        "socket_timeout": TIMEOUT,
        "socket_connect_timeout": TIMEOUT,
    }
    return redis_server


@contextmanager
def frozen(redis_server: RedisServer) -> Iterator[None]:
    """The redis-server stopped in its tracks: its port still accepts connections, nothing answers,
    and what it holds is there when it goes on."""
    os.kill(redis_server.process.pid, signal.SIGSTOP)
    try:
        yield
    finally:
        os.kill(redis_server.process.pid, signal.SIGCONT)
