"""Every call this process makes to Redis goes through one circuit breaker (threadly.circuit_breaker).

The cache's client is GuardedRedis (settings: REDIS_CLIENT_CLASS), so django-redis's calls, the home
feeds' and the rendering cache's (get_redis_connection hands out the same client), scripts and
pipelines all pass `guarded()`. After REDIS_BREAKER_FAILURES failed calls in a row the breaker opens:
for REDIS_BREAKER_COOLDOWN_SECONDS every call raises RedisUnavailable at once, without touching a
socket, instead of waiting out a connect or read timeout on every request. RedisUnavailable is a
redis ConnectionError, so each caller's existing fallback takes over unchanged: django-redis's
IGNORE_EXCEPTIONS answers a miss, the home timeline the pull query (timelines.reads), a rate limit
what its scope decides (threadly.ratelimit). Celery's publishing (threadly.tasks.enqueue) asks the
same breaker, since the broker is the same Redis: while it is open the outbox relay sends later.

The breaker opens and closes with one log line each, and /metrics shows its state and the calls it
skipped (threadly_redis_breaker_*).
"""

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import Signal, receiver
from prometheus_client import Counter, Gauge
from redis import Redis
from redis.client import Pipeline
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import RedisError
from redis.exceptions import TimeoutError as RedisTimeoutError

from threadly.circuit_breaker import CircuitBreaker, State

logger = logging.getLogger(__name__)

# What says that Redis could not be reached, rather than that it refused one command.
UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)

BREAKER_OPEN = Gauge(
    "threadly_redis_breaker_open",
    "1 while this process skips Redis (its circuit breaker is open or half-open), 0 while it uses it.",
    multiprocess_mode="mostrecent",
)
BREAKER_OPENINGS = Counter("threadly_redis_breaker_openings", "Times the Redis circuit breaker opened.")
FAILED_CALLS = Counter(
    "threadly_redis_failed_calls",
    "Calls to Redis (the cache, the feeds, the broker) that met a refused or timed-out connection.",
)
SKIPPED_CALLS = Counter(
    "threadly_redis_breaker_skipped_calls",
    "Calls to Redis not made because its circuit breaker was open (each answered as Redis being down).",
)


# Sent when this process's breaker closes again: Redis answers after failing (threadly.sessions listens).
redis_returned = Signal()


class RedisUnavailable(RedisConnectionError):
    """Raised instead of calling Redis while the breaker is open."""


def _state_changed(before: State, after: State) -> None:
    BREAKER_OPEN.set(0 if after == State.CLOSED else 1)
    if after == State.OPEN and before == State.CLOSED:
        BREAKER_OPENINGS.inc()
        logger.warning(
            "Redis circuit breaker opened after %s failed calls in a row: Redis is skipped for %s s at a time",
            _breaker.failures,
            _breaker.cooldown,
        )
    elif after == State.CLOSED:
        logger.warning("Redis circuit breaker closed: Redis answers again")
        redis_returned.send_robust(sender=CircuitBreaker)


def _new_breaker() -> CircuitBreaker:
    return CircuitBreaker(
        failures=settings.REDIS_BREAKER_FAILURES,
        cooldown=settings.REDIS_BREAKER_COOLDOWN_SECONDS,
        on_change=_state_changed,
    )


_breaker = _new_breaker()
_local = threading.local()


def breaker() -> CircuitBreaker:
    """The one breaker of this process, for the one Redis."""
    return _breaker


def reset() -> None:
    """A closed breaker with the current settings (tests, and a change of settings)."""
    global _breaker
    _breaker = _new_breaker()
    BREAKER_OPEN.set(0)


@receiver(setting_changed)
def _settings_changed(*, setting: str, **kwargs) -> None:
    if setting in {"REDIS_BREAKER_FAILURES", "REDIS_BREAKER_COOLDOWN_SECONDS", "CACHES"}:
        reset()


def skipping() -> bool:
    """True while calls would be refused: the breaker is open and its cool-down has not passed."""
    return _breaker.state != State.CLOSED and _breaker.retry_after() > 0


def retry_after_seconds() -> int:
    """When to come back, for an answer that needed Redis: the rest of the cool-down, at least 1 s."""
    return max(1, round(_breaker.retry_after() or _breaker.cooldown))


def _note_failure() -> None:
    _local.failures = getattr(_local, "failures", 0) + 1


def call_failed() -> None:
    """Redis could not be reached by a call: counted, and heard by the breaker."""
    FAILED_CALLS.inc()
    _breaker.record_failure()


def guarded[T](call: Callable[..., T], *args, **kwargs) -> T:
    """Make one call to Redis through the breaker. A call made inside another (a pipeline loading
    its scripts) or inside `probe()` is not asked about again: the outer one stands for it."""
    if getattr(_local, "inside", False):
        return call(*args, **kwargs)
    if not _breaker.allow():
        SKIPPED_CALLS.inc()
        _note_failure()
        raise RedisUnavailable("Redis is skipped for now: its circuit breaker is open")
    _local.inside = True
    try:
        result = call(*args, **kwargs)
    except UNREACHABLE:
        _note_failure()
        call_failed()
        raise
    except RedisError:
        # Redis answered, with an error of the command's own (a wrong type, a script's error).
        _breaker.record_success()
        raise
    finally:
        _local.inside = False
    _breaker.record_success()
    return result


@contextmanager
def probe() -> Iterator[None]:
    """Calls made inside go to Redis whatever the breaker says, and their outcome is recorded:
    readiness must tell what Redis does now, and its success may close the breaker early."""
    _local.inside = True
    try:
        yield
    except UNREACHABLE:
        call_failed()
        raise
    else:
        _breaker.record_success()
    finally:
        _local.inside = False


class SkippedCallFilter(logging.Filter):
    """Drops the log lines of calls the breaker skipped (django-redis's "Exception ignored", a feed
    read answered from the database): while it is open they would come on every request, and the
    breaker says once that it opened."""

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        for _ in range(5):  # The error, and what it was raised from.
            if error is None:
                return True
            if isinstance(error, RedisUnavailable):
                return False
            error = error.__cause__ or error.__context__
        return True


class FailureWatch:
    """`with FailureWatch() as watch: ...` then `watch.failed`: did a Redis call of this thread fail,
    or was it skipped, inside the block? (django-redis's IGNORE_EXCEPTIONS hides it from the caller.)"""

    def __enter__(self) -> "FailureWatch":
        self._before = getattr(_local, "failures", 0)
        return self

    def __exit__(self, *exc_info) -> None:
        return None

    @property
    def failed(self) -> bool:
        return getattr(_local, "failures", 0) > self._before


class GuardedPipeline(Pipeline):
    def execute(self, raise_on_error: bool = True):
        return guarded(super().execute, raise_on_error)

    def immediate_execute_command(self, *args, **options):
        return guarded(super().immediate_execute_command, *args, **options)


class GuardedRedis(Redis):
    """redis-py's client with every command and pipeline through the process's breaker."""

    def execute_command(self, *args, **options):
        return guarded(super().execute_command, *args, **options)

    def pipeline(self, transaction: bool = True, shard_hint=None) -> GuardedPipeline:
        return GuardedPipeline(self.connection_pool, self.response_callbacks, transaction, shard_hint)
