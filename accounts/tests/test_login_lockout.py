"""Login lockout per (account, client address), the same through the page, the admin and the API."""

import pytest
from django.contrib.auth import SESSION_KEY

from accounts.factories import UserFactory
from accounts.tests.helpers import PASSWORD
from accounts.tests.login_doors import DOORS, URLS, WRONG, fail, knock, outcome

# The clock fixture starts 10 s into a 60 s window; these limits are 3 failures in 60 s, then 120 s locked.
LOCKED_FOR = 120
HERE, ELSEWHERE = "198.51.100.1", "203.0.113.9"

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def lockout_limits(clock, limits, settings):
    limits("login_account", "3/60")
    # The per-IP limit and the slowdown across addresses have their own tests.
    limits("login", "1000/60")
    settings.LOGIN_LOCKOUT_SECONDS = LOCKED_FOR
    settings.LOGIN_SLOWDOWN_AFTER = 1000


@pytest.fixture
def victim(db):
    """Staff, so that the admin's door opens for the right password too."""
    return UserFactory(username="victim", is_staff=True)


@pytest.fixture(params=DOORS)
def door(request):
    return request.param


@pytest.mark.parametrize("lookalike", ["vıctim", "VİCTIM", "victim\u200b", "vıctım"])
def test_a_lookalike_of_a_name_is_no_account(client, door, victim, lookalike):
    """PostgreSQL's case-insensitive match found `victim` for `vıctim` (dotless ı) while the lockout
    counted it as another name: the lookup now refuses names that are not ASCII, as usernames are."""
    response = knock(client, door, lookalike, PASSWORD)

    assert outcome(client, door, response) == "refused"


def test_a_lookalike_does_not_get_past_a_lockout(client, door, victim):
    fail(client, door, "victim", times=3)

    response = knock(client, door, "vıctim", PASSWORD)

    assert outcome(client, door, response) == "refused"
    assert SESSION_KEY not in client.session


def test_the_full_width_spelling_is_the_same_account_and_the_same_lock(client, door, victim):
    """NFKC turns ｖｉｃｔｉｍ into victim for both the lookup and the lock, on every door."""
    fail(client, door, "ｖｉｃｔｉｍ", times=3)

    assert outcome(client, door, knock(client, door, "victim", PASSWORD)) == "paused"


def test_after_too_many_wrong_passwords_this_address_is_paused_even_with_the_right_one(client, door, victim):
    fail(client, door, "victim", times=3)

    response = knock(client, door, "victim", PASSWORD)

    assert outcome(client, door, response) == "paused"
    assert response["Retry-After"] == str(LOCKED_FOR)
    assert SESSION_KEY not in client.session


def test_another_address_still_logs_in_so_strangers_cannot_lock_anyone_out(client, door, victim):
    fail(client, door, "victim", times=3, ip=HERE)

    assert outcome(client, door, knock(client, door, "victim", PASSWORD, ip=ELSEWHERE)) == "in"


def test_the_doors_count_failures_together(client, victim):
    for door in DOORS:
        fail(client, door, "victim", times=1)

    assert [outcome(client, door, knock(client, door, "victim", PASSWORD)) for door in DOORS] == ["paused"] * 3


def test_the_page_says_why_and_when(client, victim):
    fail(client, "page", "victim", times=3)

    response = knock(client, "page", "victim", PASSWORD)

    assert [template.name for template in response.templates][:2] == ["429.html", "base.html"]
    assert "Too many failed logins to this account from your address" in response.text
    assert "Try again in 2 minutes." in response.text


def test_the_api_says_why_and_when(api_client, victim):
    fail(api_client, "api", "victim", times=3)

    response = knock(api_client, "api", "victim", PASSWORD)

    assert response.json()["error"] == {
        "code": "account_locked",
        "message": "Too many failed logins to this account from your address, so logging in to it from here "
        "is paused. Try again in 2 minutes.",
        "fields": {},
    }


def test_a_name_without_an_account_is_paused_the_same_way(client, door):
    """Locked or not, the answers are the same whether the account exists: nothing to enumerate."""
    fail(client, door, "nobody_here", times=3)

    response = knock(client, door, "nobody_here", WRONG)

    assert outcome(client, door, response) == "paused"
    assert response["Retry-After"] == str(LOCKED_FOR)


def test_the_lock_lifts_by_itself(client, door, victim, clock):
    fail(client, door, "victim", times=3)
    clock.now += LOCKED_FOR - 1
    assert outcome(client, door, knock(client, door, "victim", PASSWORD)) == "paused"

    clock.now += 1

    assert outcome(client, door, knock(client, door, "victim", PASSWORD)) == "in"


def test_a_successful_login_clears_the_failures_of_its_address(client, door, victim):
    fail(client, door, "victim", times=2)
    assert outcome(client, door, knock(client, door, "victim", PASSWORD)) == "in"
    client.logout()

    fail(client, door, "victim", times=2)

    assert outcome(client, door, knock(client, door, "victim", PASSWORD)) == "in"


def test_failures_in_an_earlier_window_are_forgotten(client, victim, clock):
    fail(client, "page", "victim", times=2)
    clock.now += 60

    fail(client, "page", "victim", times=2)

    assert outcome(client, "page", knock(client, "page", "victim", PASSWORD)) == "in"


def test_the_name_is_locked_in_any_capitalisation(client, victim):
    fail(client, "page", "Victim", times=3)

    assert outcome(client, "page", knock(client, "page", "VICTIM", PASSWORD)) == "paused"


def test_other_accounts_are_not_locked(client, victim, bob):
    fail(client, "page", "victim", times=3)

    assert outcome(client, "page", knock(client, "page", "bob", PASSWORD)) == "in"


def test_behind_a_proxy_the_forwarded_address_is_the_one_paused(client, victim, settings):
    """The address is the one threadly.ratelimit gives the rate limits: one proxy, its X-Forwarded-For."""
    settings.NUM_PROXIES = 1
    for _ in range(3):
        knock(client, "page", "victim", WRONG, ip="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.7")

    paused = knock(client, "page", "victim", PASSWORD, ip="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.7")
    other = knock(client, "page", "victim", PASSWORD, ip="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.8")

    assert (paused.status_code, outcome(client, "page", other)) == (429, "in")


def test_a_form_without_a_password_counts_no_failure(client, victim):
    for _ in range(5):
        assert client.post(URLS["page"], {"username": "victim", "password": ""}).status_code == 200

    assert outcome(client, "page", knock(client, "page", "victim", PASSWORD)) == "in"


def test_a_username_sent_to_the_api_as_a_number_is_counted_like_its_text(api_client):
    UserFactory(username="12345")
    fail(api_client, "api", 12345, times=3)

    assert knock(api_client, "api", "12345", PASSWORD).status_code == 429


def test_a_malformed_api_request_counts_no_failure(api_client, victim):
    for _ in range(5):
        assert api_client.post(URLS["api"], {"username": "victim"}, format="json").status_code == 400

    assert knock(api_client, "api", "victim", PASSWORD).status_code == 200


def test_the_per_ip_limit_still_applies(api_client, victim, bob, limits):
    limits("login", "2/60")
    fail(api_client, "api", "victim", times=2)

    response = knock(api_client, "api", "bob", PASSWORD)

    assert response.status_code == 429
    assert response.json()["error"]["code"] == "throttled"
