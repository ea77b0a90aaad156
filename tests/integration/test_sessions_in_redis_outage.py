"""A session ended while Redis is down stays ended when it returns (threadly.sessions).

Redis here keeps its data across the outage (an append-only file, as `make up` runs it): the cached
copy of a session deleted from the database meanwhile is still there when Redis comes back.
"""

import time

import pytest
import redis
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.factories import UserFactory
from threadly import redis_guard, sessions
from threadly.circuit_breaker import State
from threadly.models import SessionEviction
from threadly.tasks import apply_session_evictions

from .outage import COOLDOWN

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def redis_server(redis_server):
    """The test's Redis, restarted with its data kept on disk."""
    redis_server.stop()
    redis_server.persistent = True
    redis_server.start()
    return redis_server


def cached_copy(redis_server, session_key: str) -> bool:
    raw = redis.Redis.from_url(redis_server.url)
    try:
        return bool(raw.exists(f"outage:1:{sessions.SessionStore.cache_key_prefix}{session_key}"))
    finally:
        raw.close()


def signed_in(client: Client) -> bool:
    return client.get(reverse("social:explore")).wsgi_request.user.is_authenticated


def logged_out_during_outage(client: Client, redis_server) -> str:
    """Sign in, log out with Redis stopped, bring Redis back: the old session key, whose copy survived."""
    client.force_login(UserFactory())
    session_key = client.session.session_key
    assert signed_in(client) and cached_copy(redis_server, session_key)
    redis_server.stop()
    assert client.post(reverse("accounts:logout")).status_code == 302
    redis_server.start()
    assert cached_copy(redis_server, session_key)
    # A browser the logout's answer never reached (or a copied cookie) comes back with the old key.
    client.cookies[settings.SESSION_COOKIE_NAME] = session_key
    return session_key


def test_a_logout_while_redis_is_down_is_not_undone_when_it_returns(client, site_on_test_redis):
    session_key = logged_out_during_outage(client, site_on_test_redis)

    time.sleep(COOLDOWN)  # The breaker lets its trial through: the load's own read closes it.
    assert not signed_in(client)
    assert redis_guard.breaker().state == State.CLOSED
    # Closing the breaker evicted the copy; the row stays a while for loads that read it just before.
    assert not cached_copy(site_on_test_redis, session_key)
    assert SessionEviction.objects.get(session_key=session_key).evicted_at is not None
    assert not signed_in(client)


def test_beat_evicts_the_copy_for_processes_that_never_met_the_outage(client, site_on_test_redis, monkeypatch):
    session_key = logged_out_during_outage(client, site_on_test_redis)
    time.sleep(COOLDOWN)
    # A process that made no Redis call during the outage knows of nothing pending.
    monkeypatch.setattr(sessions._Pending, "anything", False)

    assert apply_session_evictions() == 1

    assert not cached_copy(site_on_test_redis, session_key)
    assert not signed_in(client)
    assert apply_session_evictions() == 0


def test_a_page_costs_no_more_queries_than_with_djangos_cached_db(
    client, site_on_test_redis, settings, django_assert_num_queries
):
    """Each client's middleware keeps the session engine it started with."""
    person, home = UserFactory(), reverse("social:home")
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    stock = Client()
    stock.force_login(person)
    settings.SESSION_ENGINE = "threadly.sessions"
    client.force_login(person)
    for warm_up in (stock, client, stock, client):
        warm_up.get(home)
    with CaptureQueriesContext(connection) as stock_queries:
        stock.get(home)
    stock_count = len(stock_queries)  # Now: the next request empties the connection's log.

    with django_assert_num_queries(stock_count):
        assert client.get(home).wsgi_request.user == person
