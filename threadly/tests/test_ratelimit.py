import pytest
from django.urls import reverse

from accounts.factories import UserFactory
from accounts.models import User
from threadly import ratelimit

SIGNUP_URL = reverse("accounts:signup")
LOGIN_URL = reverse("accounts:login")
RESET_URL = reverse("accounts:password_reset")
# 1_000_030 s is 10 s into a 60 s window that ends at 1_000_080 s.

pytestmark = pytest.mark.django_db


def signup_data(n: int) -> dict:
    return {
        "username": f"person_{n}",
        "email": f"person_{n}@example.com",
        "password1": "plum-kettle-orbit-93",
        "password2": "plum-kettle-orbit-93",
    }


def test_the_third_signup_in_a_window_gets_the_429_page(client, clock, limits):
    limits("signup", "2/60")
    for n in range(2):
        assert client.post(SIGNUP_URL, signup_data(n)).status_code == 302
        client.logout()

    response = client.post(SIGNUP_URL, signup_data(2))

    assert response.status_code == 429
    assert response["Retry-After"] == "50"
    assert [template.name for template in response.templates][:2] == ["429.html", "base.html"]
    assert "Try again in 50 seconds." in response.text
    assert User.objects.count() == 2


def test_failed_signups_count_too(client, clock, limits):
    limits("signup", "2/60")
    for _ in range(2):
        assert client.post(SIGNUP_URL, {"username": "x"}).status_code == 200

    assert client.post(SIGNUP_URL, signup_data(0)).status_code == 429
    assert not User.objects.exists()


def test_viewing_the_signup_form_does_not_count(client, clock, limits):
    limits("signup", "2/60")
    for _ in range(5):
        assert client.get(SIGNUP_URL).status_code == 200

    assert client.post(SIGNUP_URL, signup_data(0)).status_code == 302


def test_the_limit_lifts_in_the_next_window(client, clock, limits):
    limits("signup", "1/60")
    client.post(SIGNUP_URL, {"username": "x"})
    assert client.post(SIGNUP_URL, {"username": "x"}).status_code == 429

    clock.now = clock.start + 50

    assert client.post(SIGNUP_URL, {"username": "x"}).status_code == 200


def test_visitors_are_counted_by_ip_address(client, clock, limits):
    limits("signup", "1/60")
    client.post(SIGNUP_URL, {"username": "x"}, REMOTE_ADDR="10.0.0.1")

    assert client.post(SIGNUP_URL, {"username": "x"}, REMOTE_ADDR="10.0.0.1").status_code == 429
    assert client.post(SIGNUP_URL, {"username": "x"}, REMOTE_ADDR="10.0.0.2").status_code == 200


def test_the_third_login_attempt_in_a_window_gets_the_429_page(client, clock, limits):
    UserFactory(username="ana")
    limits("login", "2/60")
    for _ in range(2):
        assert client.post(LOGIN_URL, {"username": "ana", "password": "wrong"}).status_code == 200

    response = client.post(LOGIN_URL, {"username": "ana", "password": "threadly-test-password"})

    assert response.status_code == 429
    assert response["Retry-After"] == "50"
    assert "429.html" in [template.name for template in response.templates]
    assert "_auth_user_id" not in client.session


def test_password_reset_requests_share_the_login_limit(client, clock, limits, mailoutbox):
    UserFactory(email="ana@example.com")
    limits("login", "2/60")
    client.post(LOGIN_URL, {"username": "ana", "password": "wrong"})
    client.post(RESET_URL, {"email": "ana@example.com"})

    response = client.post(RESET_URL, {"email": "ana@example.com"})

    assert response.status_code == 429
    assert len(mailoutbox) == 1


def test_logged_in_users_are_counted_each_on_their_own(rf, clock, limits):
    limits("post", "1/60")
    ana, bob = UserFactory(), UserFactory()

    def request_by(user):
        request = rf.post("/compose/", REMOTE_ADDR="10.0.0.1")
        request.user = user
        return request

    ratelimit.check_rate(request_by(ana), "post")
    ratelimit.check_rate(request_by(bob), "post")
    with pytest.raises(ratelimit.RateLimited) as limited:
        ratelimit.check_rate(request_by(ana), "post")

    assert limited.value.retry_after == 50


def test_behind_proxies_the_client_is_the_address_the_outermost_proxy_saw(settings, rf):
    from threadly.ratelimit import client_ip

    settings.NUM_PROXIES = 1
    request = rf.get("/", HTTP_X_FORWARDED_FOR="203.0.113.9, 198.51.100.7", REMOTE_ADDR="10.0.0.2")
    assert client_ip(request) == "198.51.100.7"
    settings.NUM_PROXIES = 0
    assert client_ip(request) == "10.0.0.2"
