"""Who reads the primary for a while after writing: a person's pin, kept in the shared cache.

A pin is the time (whole seconds since the epoch) until which a person's reads go to the primary,
stored under their user id so that every client of theirs (the browser, the app) sees it. The
deadline is in the value, not only in the key's expiry, so that the router compares it with its
own clock. A cache that cannot answer counts as a pin: reading the primary is always correct.

django-redis is told to swallow errors (IGNORE_EXCEPTIONS), which would turn an unreachable Redis
into "no pin", so the pins talk to its client directly and see the error. That client is
threadly.redis_guard's: while the circuit breaker is open, a pin is not even tried, and the person
reads the primary at no cost of a timeout.
"""

import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError
from django_redis import get_redis_connection
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# What an unreachable Redis raises through redis-py (refused connections and timeouts).
REDIS_ERRORS = (RedisError, OSError)


def now() -> float:
    return time.time()


def _key(user_id: int) -> str:
    return cache.make_key(f"primary-reads:user:{user_id}")


def _on_redis() -> bool:
    return settings.CACHES["default"]["BACKEND"].startswith("django_redis.")


def pin_person(*, user_id: int, until: int, seconds: int) -> None:
    """Pins the person's reads to the primary until `until`; a failure is logged, not raised."""
    try:
        if _on_redis():
            get_redis_connection("default").set(_key(user_id), until, ex=seconds + 1)
        else:
            cache.set(f"primary-reads:user:{user_id}", until, timeout=seconds + 1)
    except (*REDIS_ERRORS, DatabaseError):
        logger.warning("read-your-writes: could not pin user %s to the primary", user_id, exc_info=True)


def person_is_pinned(*, user_id: int) -> bool:
    """Whether the person wrote within READ_YOUR_WRITES_SECONDS; True when the cache cannot say."""
    try:
        if _on_redis():
            until = get_redis_connection("default").get(_key(user_id))
        else:
            until = cache.get(f"primary-reads:user:{user_id}")
    except (*REDIS_ERRORS, DatabaseError):
        return True
    return until is not None and int(until) > now()
