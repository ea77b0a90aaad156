import pytest
from django.contrib.auth import SESSION_KEY
from django.contrib.messages import get_messages
from django.urls import reverse

from accounts.factories import UserFactory
from accounts.forms import SignupForm
from accounts.models import User
from accounts.tests.helpers import PASSWORD, make_racing

SIGNUP_URL = reverse("accounts:signup")
LOGIN_URL = reverse("accounts:login")
LOGOUT_URL = reverse("accounts:logout")
NEW_PASSWORD = "plum-kettle-orbit-93"

pytestmark = pytest.mark.django_db


def signup_data(**overrides) -> dict:
    data = {
        "username": "ana_lima",
        "email": "ana@example.com",
        "display_name": "Ana Lima",
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
    }
    return {**data, **overrides}


def logged_in_user_id(client) -> int | None:
    value = client.session.get(SESSION_KEY)
    return int(value) if value is not None else None


def test_signup_page_shows_the_form(client):
    response = client.get(SIGNUP_URL)

    assert response.status_code == 200
    assert set(response.context["form"].fields) >= {"username", "email", "display_name", "password1", "password2"}
    assert "accounts/signup.html" in [template.name for template in response.templates]


def test_signup_creates_the_account_logs_in_and_redirects_home(client):
    response = client.post(SIGNUP_URL, signup_data())

    assert response.status_code == 302
    assert response.url == reverse("social:home")
    user = User.objects.get()
    assert (user.username, user.email, user.display_name) == ("ana_lima", "ana@example.com", "Ana Lima")
    assert user.check_password(NEW_PASSWORD)
    assert user.role == User.Role.USER
    assert logged_in_user_id(client) == user.pk
    assert [str(message) for message in get_messages(response.wsgi_request)] == ["Welcome to Threadly, Ana Lima!"]


def test_signup_lowercases_the_domain_of_the_email(client):
    client.post(SIGNUP_URL, signup_data(email="Ana@EXAMPLE.Com"))

    assert User.objects.get().email == "Ana@example.com"


def test_signup_rejects_a_username_that_differs_only_in_case(client):
    UserFactory(username="Ana_Lima")

    response = client.post(SIGNUP_URL, signup_data(username="ana_lima"))

    assert response.status_code == 200
    assert response.context["form"].errors["username"] == ["That username is taken."]
    assert "That username is taken." in response.text
    assert list(User.objects.values_list("username", flat=True)) == ["Ana_Lima"]
    assert logged_in_user_id(client) is None


def test_signup_rejects_an_email_in_use_in_another_case(client):
    UserFactory(email="ana@example.com")

    response = client.post(SIGNUP_URL, signup_data(email="ANA@example.com"))

    assert response.status_code == 200
    assert response.context["form"].errors["email"] == ["An account with that email exists."]
    assert User.objects.count() == 1
    assert logged_in_user_id(client) is None


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("password", "This password is too common."),
        ("83920174652", "This password is entirely numeric."),
        ("k3#pq", "This password is too short. It must contain at least 8 characters."),
        ("ana_lima_1", "The password is too similar to the username."),
    ],
    ids=["common", "numeric", "short", "like-username"],
)
def test_signup_rejects_a_weak_password(client, password, message):
    response = client.post(SIGNUP_URL, signup_data(password1=password, password2=password))

    assert response.status_code == 200
    assert message in response.context["form"].errors["password2"]
    assert not User.objects.exists()


def test_signup_rejects_mismatched_passwords(client):
    response = client.post(SIGNUP_URL, signup_data(password2="plum-kettle-orbit-94"))

    assert response.status_code == 200
    assert "password2" in response.context["form"].errors
    assert not User.objects.exists()


@pytest.mark.parametrize("username", ["ab", "ana-lima", "ana lima", "a" * 31, "añá"])
def test_signup_rejects_an_invalid_username(client, username):
    response = client.post(SIGNUP_URL, signup_data(username=username))

    assert response.status_code == 200
    errors = response.context["form"].errors["username"]
    assert any("letters, digits or underscores" in error or "at most 30" in error for error in errors), errors
    assert not User.objects.exists()


def test_a_signup_that_loses_a_race_for_the_username_gets_a_form_error(client, monkeypatch):
    """Two people (or one double click) submit the same name: the database constraint decides."""
    make_racing(monkeypatch, SignupForm, lambda: UserFactory(username="ANA_LIMA"))
    client.raise_request_exception = False

    response = client.post(SIGNUP_URL, signup_data(username="ana_lima"))

    assert response.status_code == 200, f"losing the race answered {response.status_code}, not the form again"
    assert "That username is taken." in response.text
    assert list(User.objects.values_list("username", flat=True)) == ["ANA_LIMA"]


def test_signup_sends_a_logged_in_user_home(user_client):
    response = user_client.post(SIGNUP_URL, signup_data())

    assert response.status_code == 302
    assert response.url == reverse("social:home")
    assert User.objects.count() == 1


def test_login_accepts_the_username_in_any_case(client):
    ana = UserFactory(username="Ana_Lima")

    response = client.post(LOGIN_URL, {"username": "aNA_lIMA", "password": PASSWORD})

    assert response.status_code == 302
    assert response.url == reverse("social:home")
    assert logged_in_user_id(client) == ana.pk


def test_login_with_a_wrong_password_shows_an_error(client):
    UserFactory(username="ana")

    response = client.post(LOGIN_URL, {"username": "ana", "password": "not-the-password"})

    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert logged_in_user_id(client) is None


def test_login_follows_a_local_next(client):
    UserFactory(username="ana")

    response = client.post(LOGIN_URL, {"username": "ana", "password": PASSWORD, "next": "/explore/"})

    assert response.status_code == 302
    assert response.url == "/explore/"


@pytest.mark.parametrize("next_url", ["https://evil.example/", "//evil.example/", "javascript:alert(1)"])
def test_login_ignores_an_off_site_next(client, next_url):
    UserFactory(username="ana")

    response = client.post(LOGIN_URL, {"username": "ana", "password": PASSWORD, "next": next_url})

    assert response.status_code == 302
    assert response.url == reverse("social:home")


def test_login_page_sends_a_logged_in_user_home(user_client):
    response = user_client.get(LOGIN_URL)

    assert response.status_code == 302
    assert response.url == reverse("social:home")


def test_logout_by_get_is_refused_and_keeps_the_session(user_client, user):
    response = user_client.get(LOGOUT_URL)

    assert response.status_code == 405
    assert logged_in_user_id(user_client) == user.pk


def test_logout_by_post_ends_the_session(user_client):
    response = user_client.post(LOGOUT_URL)

    assert response.status_code == 302
    assert response.url == reverse("social:explore")
    assert logged_in_user_id(user_client) is None
