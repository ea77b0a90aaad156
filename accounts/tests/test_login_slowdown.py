"""The gentler brake across addresses: many failures for one account, from anywhere, space out its tries."""

import pytest

from accounts.factories import UserFactory
from accounts.tests.helpers import PASSWORD
from accounts.tests.login_doors import DOORS, WRONG, fail, knock, outcome

AFTER, LONGEST = 4, 8

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def slowdown_limits(clock, limits, settings):
    # Each address stays well under its own lock: this is about all of them together.
    limits("login_account", "100/60")
    limits("login", "1000/60")
    settings.LOGIN_SLOWDOWN_AFTER = AFTER
    settings.LOGIN_SLOWDOWN_MAX_SECONDS = LONGEST
    settings.LOGIN_SLOWDOWN_WINDOW = 3600


@pytest.fixture
def victim(db):
    return UserFactory(username="victim", is_staff=True)


@pytest.mark.parametrize("door", DOORS)
def test_after_many_failures_from_anywhere_the_next_try_waits(client, door, victim):
    fail(client, door, "victim", times=AFTER, spread=True)

    response = knock(client, door, "victim", PASSWORD, ip="203.0.113.50")

    assert outcome(client, door, response) == "paused"
    assert response["Retry-After"] == "2"


def test_the_wait_doubles_with_each_failure_up_to_the_longest(client, victim, clock):
    fail(client, "page", "victim", times=AFTER, spread=True)
    waits = []
    for attempt in range(4):
        paused = knock(client, "page", "victim", WRONG, ip=f"203.0.113.{attempt}")
        waits.append(int(paused["Retry-After"]))
        clock.now += waits[-1]
        assert outcome(client, "page", knock(client, "page", "victim", WRONG)) == "refused"

    assert waits == [2, 4, 8, 8]


def test_the_right_password_after_the_wait_logs_in_and_ends_the_slowdown(client, victim, clock):
    fail(client, "page", "victim", times=AFTER, spread=True)
    clock.now += 2

    assert outcome(client, "page", knock(client, "page", "victim", PASSWORD)) == "in"
    client.logout()
    assert outcome(client, "page", knock(client, "page", "victim", WRONG)) == "refused"
    assert outcome(client, "page", knock(client, "page", "victim", PASSWORD)) == "in"


def test_the_api_names_the_slowdown(api_client, victim):
    fail(api_client, "api", "victim", times=AFTER, spread=True)

    error = knock(api_client, "api", "victim", PASSWORD).json()["error"]

    assert error["code"] == "login_slowed_down"
    assert error["message"] == (
        "Too many failed logins to this account, so each new try has to wait a little. Try again in 2 seconds."
    )


def test_a_name_without_an_account_slows_down_the_same_way(client):
    fail(client, "page", "nobody_here", times=AFTER, spread=True)

    response = knock(client, "page", "nobody_here", WRONG, ip="203.0.113.50")

    assert (response.status_code, response["Retry-After"]) == (429, "2")


def test_failures_are_forgotten_after_a_quiet_window(client, victim, clock, settings):
    fail(client, "page", "victim", times=AFTER, spread=True)
    clock.now += settings.LOGIN_SLOWDOWN_WINDOW

    fail(client, "page", "victim", times=AFTER - 1, spread=True)

    assert outcome(client, "page", knock(client, "page", "victim", PASSWORD)) == "in"


def test_other_accounts_are_not_slowed(client, victim, bob):
    fail(client, "page", "victim", times=AFTER, spread=True)

    assert outcome(client, "page", knock(client, "page", "bob", PASSWORD)) == "in"


# What the cache holds


def test_the_cache_keys_hold_neither_the_name_nor_the_address(client, victim):
    from django.core.cache import cache

    fail(client, "page", "nobody_here", times=1, ip="198.51.100.77")
    fail(client, "page", "victim", times=1, ip="198.51.100.77")

    keys = list(cache.iter_keys("login:*")) if hasattr(cache, "iter_keys") else list(cache._cache)
    assert keys
    assert not [key for key in keys if "nobody_here" in str(key) or "198.51.100.77" in str(key)]


@pytest.mark.redis
def test_an_unreachable_cache_pauses_nobody(client, victim, monkeypatch):
    """django-redis with IGNORE_EXCEPTIONS answers None when Redis is down: logins go on."""
    from django.core.cache import cache

    monkeypatch.setattr(cache, "incr", lambda *args, **kwargs: None)
    monkeypatch.setattr(cache, "get", lambda *args, **kwargs: None)
    monkeypatch.setattr(cache, "get_many", lambda *args, **kwargs: {})
    fail(client, "page", "victim", times=AFTER + 3)

    assert outcome(client, "page", knock(client, "page", "victim", PASSWORD)) == "in"
