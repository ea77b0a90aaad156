"""Login lockout per account: wrong passwords for one username, from any address, pause its logins."""

import pytest
from django.contrib.auth import SESSION_KEY
from django.urls import reverse

from accounts import lockout
from accounts.factories import UserFactory
from accounts.tests.helpers import PASSWORD

LOGIN_URL = reverse("accounts:login")
TOKEN_URL = reverse("api:token")
ADMIN_LOGIN_URL = reverse("admin:login")
WRONG = "not-the-password"
# The clock fixture starts 10 s into a 60 s window; these limits are 3 failures in 60 s, then 120 s locked.
LOCKED_FOR = 120

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def lockout_limits(clock, limits, settings):
    limits("login_account", "3/60")
    # The per-IP login limit is not what these tests are about.
    limits("login", "1000/60")
    settings.LOGIN_LOCKOUT_SECONDS = LOCKED_FOR


def page_login(client, username: str, password: str, *, ip: str = "198.51.100.1"):
    return client.post(LOGIN_URL, {"username": username, "password": password}, REMOTE_ADDR=ip)


def api_login(api_client, username, password: str, *, ip: str = "198.51.100.1"):
    return api_client.post(TOKEN_URL, {"username": username, "password": password}, format="json", REMOTE_ADDR=ip)


def logged_in(client) -> bool:
    return SESSION_KEY in client.session


def fail_page_logins(client, username: str, times: int = 3) -> None:
    for attempt in range(times):
        response = page_login(client, username, WRONG, ip=f"198.51.100.{10 + attempt}")
        assert response.status_code == 200, "a wrong password shows the form again"


# The login page


def test_the_right_password_is_refused_with_a_429_after_too_many_wrong_ones(client, alice):
    fail_page_logins(client, "alice")

    response = page_login(client, "alice", PASSWORD)

    assert response.status_code == 429
    assert response["Retry-After"] == str(LOCKED_FOR)
    assert [template.name for template in response.templates][:2] == ["429.html", "base.html"]
    assert "Too many failed logins for this account" in response.text
    assert "Try again in 2 minutes." in response.text
    assert not logged_in(client)


def test_the_failures_before_the_limit_still_let_the_right_password_in(client, alice):
    fail_page_logins(client, "alice", times=2)

    response = page_login(client, "alice", PASSWORD)

    assert response.status_code == 302
    assert logged_in(client)


def test_the_lockout_lifts_by_itself(client, alice, clock):
    fail_page_logins(client, "alice")
    clock.now += LOCKED_FOR - 1
    assert page_login(client, "alice", PASSWORD).status_code == 429

    clock.now += 1
    response = page_login(client, "alice", PASSWORD)

    assert response.status_code == 302
    assert logged_in(client)


def test_after_the_lockout_the_account_has_its_full_allowance_again(client, alice, clock):
    fail_page_logins(client, "alice")
    clock.now += LOCKED_FOR

    fail_page_logins(client, "alice", times=2)

    assert page_login(client, "alice", PASSWORD).status_code == 302


def test_a_successful_login_clears_the_failures(client, alice):
    fail_page_logins(client, "alice", times=2)
    assert page_login(client, "alice", PASSWORD).status_code == 302
    client.logout()

    fail_page_logins(client, "alice", times=2)

    assert page_login(client, "alice", PASSWORD).status_code == 302


def test_a_locked_account_is_locked_from_every_address(client, alice):
    fail_page_logins(client, "alice")

    response = page_login(client, "alice", PASSWORD, ip="203.0.113.99")

    assert response.status_code == 429


def test_other_accounts_are_not_locked(client, alice, bob):
    fail_page_logins(client, "alice")

    response = page_login(client, "bob", PASSWORD)

    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(bob.pk)


def test_the_username_is_locked_in_any_capitalisation(client, alice):
    fail_page_logins(client, "Alice")

    assert page_login(client, "ALICE", PASSWORD).status_code == 429


def test_a_username_without_an_account_locks_the_same_way(client):
    """Locked or not, the answers are the same whether the account exists: nothing to enumerate."""
    fail_page_logins(client, "nobody_here")

    response = page_login(client, "nobody_here", WRONG)

    assert response.status_code == 429
    assert "Too many failed logins for this account" in response.text


def test_a_form_without_a_password_counts_no_failure(client, alice):
    for _ in range(5):
        assert client.post(LOGIN_URL, {"username": "alice", "password": ""}).status_code == 200

    assert page_login(client, "alice", PASSWORD).status_code == 302


def test_failures_in_an_earlier_window_are_forgotten(client, alice, clock):
    fail_page_logins(client, "alice", times=2)
    clock.now += 60

    fail_page_logins(client, "alice", times=2)

    assert page_login(client, "alice", PASSWORD).status_code == 302


def test_the_admin_login_locks_out_too(client):
    UserFactory(username="boss", is_staff=True, is_superuser=True)
    for _ in range(3):
        response = client.post(ADMIN_LOGIN_URL, {"username": "boss", "password": WRONG})
        assert response.status_code == 200

    response = client.post(ADMIN_LOGIN_URL, {"username": "boss", "password": PASSWORD})

    assert response.status_code == 429
    assert not logged_in(client)


# The API's token endpoint


def test_the_token_endpoint_refuses_the_right_password_with_a_429_after_too_many_wrong_ones(api_client, alice):
    answers = [api_login(api_client, "alice", WRONG, ip=f"198.51.100.{n}").status_code for n in range(3)]

    response = api_login(api_client, "alice", PASSWORD, ip="203.0.113.7")

    assert answers == [401, 401, 401]
    assert response.status_code == 429
    assert response["Retry-After"] == str(LOCKED_FOR)
    error = response.json()["error"]
    assert error["code"] == "account_locked"
    assert error["message"] == (
        "Too many failed logins for this account, so logging in to it is paused. Try again in 2 minutes."
    )
    assert "access" not in response.json()


def test_the_page_and_the_api_count_failures_together(client, api_client, alice):
    fail_page_logins(client, "alice", times=2)
    assert api_login(api_client, "alice", WRONG).status_code == 401

    assert api_login(api_client, "alice", PASSWORD).status_code == 429
    assert page_login(client, "alice", PASSWORD).status_code == 429


def test_the_token_endpoint_lockout_lifts_by_itself(api_client, alice, clock):
    for _ in range(3):
        api_login(api_client, "alice", WRONG)
    clock.now += LOCKED_FOR

    response = api_login(api_client, "alice", PASSWORD)

    assert response.status_code == 200
    assert "access" in response.json()


def test_a_token_clears_the_failures(api_client, alice):
    for _ in range(2):
        api_login(api_client, "alice", WRONG)
    assert api_login(api_client, "alice", PASSWORD).status_code == 200

    for _ in range(2):
        api_login(api_client, "alice", WRONG)

    assert api_login(api_client, "alice", PASSWORD).status_code == 200


def test_a_username_sent_as_a_number_is_counted_like_its_text(api_client):
    UserFactory(username="12345")
    for _ in range(3):
        assert api_login(api_client, 12345, WRONG).status_code == 401

    assert api_login(api_client, "12345", PASSWORD).status_code == 429


def test_a_malformed_request_counts_no_failure(api_client, alice):
    for _ in range(5):
        assert api_client.post(TOKEN_URL, {"username": "alice"}, format="json").status_code == 400

    assert api_login(api_client, "alice", PASSWORD).status_code == 200


def test_the_per_ip_limit_still_applies(api_client, alice, limits):
    limits("login", "2/60")
    for _ in range(2):
        api_login(api_client, "alice", WRONG)

    response = api_login(api_client, "bob", "whatever")

    assert response.status_code == 429
    assert response.json()["error"]["code"] == "throttled"


# The module


def test_the_lock_key_does_not_hold_the_username():
    lockout.login_failed(username="alice")

    assert "alice" not in lockout._lock_key("alice")
    assert lockout._lock_key(" Alice ") == lockout._lock_key("alice")


def test_an_unreachable_cache_locks_nobody(monkeypatch):
    """django-redis with IGNORE_EXCEPTIONS answers None when Redis is down: logins go on."""
    from django.core.cache import cache

    monkeypatch.setattr(cache, "incr", lambda *args, **kwargs: None)
    monkeypatch.setattr(cache, "get", lambda *args, **kwargs: None)
    for _ in range(5):
        lockout.login_failed(username="alice")

    assert lockout.login_locked_for(username="alice") == 0
