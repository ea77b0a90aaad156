"""The embedded default's cache, a database table: `add` and `incr` keep counting right when
many connections count at once (rate limits across gunicorn workers; see also
tests/integration/test_embedded_default.py, with real processes)."""

import threading
from datetime import datetime

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection

EMBEDDED_CACHE = {
    "BACKEND": "threadly.cache.SharedDatabaseCache",
    "LOCATION": "threadly_cache",
    "OPTIONS": {"MAX_ENTRIES": 100_000},
}


@pytest.fixture
def database_cache(settings):
    settings.CACHES = {"default": EMBEDDED_CACHE}
    call_command("createcachetable", verbosity=0)
    yield cache
    cache.clear()


@pytest.mark.django_db
def test_add_once_then_count_up(database_cache):
    assert database_cache.add("hits", 0, timeout=60) is True
    assert database_cache.add("hits", 0, timeout=60) is False

    assert database_cache.incr("hits") == 1
    assert database_cache.incr("hits", 4) == 5
    assert database_cache.get("hits") == 5


@pytest.mark.django_db
def test_a_missing_or_expired_counter_cannot_be_counted(database_cache):
    database_cache.add("old", 0, timeout=60)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE threadly_cache SET expires = %s",
            [connection.ops.adapt_datetimefield_value(datetime(2000, 1, 1).astimezone())],
        )

    with pytest.raises(ValueError, match="not found"):
        database_cache.incr("missing")
    with pytest.raises(ValueError, match="not found"):
        database_cache.incr("old")


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_increments_from_many_connections_are_all_counted(database_cache):
    database_cache.add("hits", 0, timeout=60)
    threads_count, rounds = 8, 25
    barrier = threading.Barrier(threads_count)
    errors: list[Exception] = []

    def count() -> None:
        try:
            barrier.wait(timeout=30)
            for _ in range(rounds):
                cache.incr("hits")
        except Exception as error:  # reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=count) for _ in range(threads_count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    assert database_cache.get("hits") == threads_count * rounds
