"""Sessions read from Redis and kept in PostgreSQL (Django's cached_db) that stay ended when a Redis
outage swallowed the deletion of their cached copy.

cached_db ends a session (logout's flush, a login's cycle_key) by deleting its row, then its copy in
Redis. With Redis down the second step fails unseen (django-redis's IGNORE_EXCEPTIONS, or the open
circuit breaker), and once Redis is back the copy would be served again: the person who logged out is
logged in again (their auth hash still matches), a login's abandoned key lives on. A suspension or a
password change needs nothing: they change the auth hash every request checks against the user row.

Here a delete that did not reach Redis is noticed (redis_guard.FailureWatch) and its key written to
SessionEviction. `evictions_apply` deletes the copies: at once in a process whose breaker closes again
(redis_guard.redis_returned), and every minute from beat (threadly.tasks.apply_session_evictions) for
the processes that never met the outage.

While a key's row lives, a load that found a cached copy treats the session as gone. The row outlives
the eviction by EVICTED_KEPT, for a load that read the copy just before it was deleted (the very read
that closed the breaker, or another process's). Asking the table on every request would cost every
page a query; only a process that met the outage asks: one that recorded an eviction, or whose breaker
closed again (and applied the evictions), looks keys up while rows exist, and asks whether any still
do at most once every PENDING_CHECK_SECONDS. What is left: a process that made no Redis call during
the outage trusts a copy until it is deleted, by the first process whose breaker closes (a cool-down
after Redis returns) or by beat within a minute.
"""

import time
from datetime import timedelta

from django.conf import settings
from django.contrib.sessions.backends import cached_db
from django.core.cache import caches
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils import timezone

from threadly import redis_guard
from threadly.models import SessionEviction

PENDING_CHECK_SECONDS = 1.0
EVICTED_KEPT = timedelta(minutes=1)
BATCH = 500


class _Pending:
    """This process's last answer to "is any eviction pending?", and when it was had."""

    anything = False
    checked_at = float("-inf")

    @classmethod
    def note(cls, anything: bool) -> None:
        cls.anything, cls.checked_at = anything, time.monotonic()


def _anything_pending() -> bool:
    if _Pending.anything and time.monotonic() - _Pending.checked_at >= PENDING_CHECK_SECONDS:
        _Pending.note(SessionEviction.objects.exists())
    return _Pending.anything


class SessionStore(cached_db.SessionStore):
    def load(self) -> dict:
        data = super().load()
        # Data without a row behind it can only have come from the cache.
        if data and _anything_pending() and SessionEviction.objects.filter(session_key=self.session_key).exists():
            self._session_key = None
            return {}
        return data

    def delete(self, session_key: str | None = None) -> None:
        session_key = session_key or self.session_key
        with redis_guard.FailureWatch() as watch:
            super().delete(session_key)
        if session_key and watch.failed:
            SessionEviction.objects.get_or_create(session_key=session_key)
            _Pending.note(True)


def evictions_apply() -> int:
    """Delete the cached copies of the sessions pending eviction, and the rows evicted more than
    EVICTED_KEPT ago; how many copies went (0 while Redis still fails: they wait for the next try)."""
    cache, evicted = caches[settings.SESSION_CACHE_ALIAS], 0
    pending = (
        SessionEviction.objects.filter(evicted_at=None).order_by("created_at").values_list("session_key", flat=True)
    )
    while keys := list(pending[:BATCH]):
        with redis_guard.FailureWatch() as watch:
            cache.delete_many([SessionStore.cache_key_prefix + key for key in keys])
        if watch.failed:
            break
        SessionEviction.objects.filter(session_key__in=keys).update(evicted_at=timezone.now())
        evicted += len(keys)
    SessionEviction.objects.filter(evicted_at__lt=timezone.now() - EVICTED_KEPT).delete()
    _Pending.note(SessionEviction.objects.exists())
    return evicted


@receiver(redis_guard.redis_returned)
def _evict_when_redis_returns(**kwargs) -> None:
    evictions_apply()


@receiver(setting_changed)
def _settings_changed(*, setting: str, **kwargs) -> None:
    if setting == "CACHES":  # Another Redis (tests): nothing this process knew of holds.
        _Pending.note(False)
