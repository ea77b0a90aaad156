"""'Username taken' and 'email taken' are one check with one message, through every door."""

import pytest
from django.urls import reverse

from accounts.factories import UserFactory
from accounts.models import User
from accounts.tests.helpers import ME_URL, NEW_PASSWORD, PASSWORD
from accounts.uniqueness import EMAIL_TAKEN, USERNAME_TAKEN

pytestmark = pytest.mark.django_db


@pytest.fixture
def taken(db):
    """An account whose name and email the others try, in another case."""
    return UserFactory(username="Ana", email="Ana@Example.com")


def signup_page(client, **fields):
    data = {"username": "someone", "email": "someone@example.com", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    return client.post(reverse("accounts:signup"), {**data, **fields}).context["form"].errors


def register_api(api_client, **fields):
    data = {"username": "someone", "email": "someone@example.com", "password": NEW_PASSWORD, **fields}
    return api_client.post(reverse("api:register"), data, format="json").json()["error"]["fields"]


def admin_add(admin_client, **fields):
    data = {"username": "someone", "email": "someone@example.com", "password1": NEW_PASSWORD}
    response = admin_client.post(reverse("admin:accounts_user_add"), {**data, "password2": NEW_PASSWORD, **fields})
    return response.context["adminform"].form.errors


def test_a_taken_username_is_said_the_same_way_everywhere(client, api_client, admin_client, taken):
    assert signup_page(client, username="ana")["username"] == [USERNAME_TAKEN]
    assert register_api(api_client, username="ANA")["username"] == [USERNAME_TAKEN]
    assert admin_add(admin_client, username="aNa")["username"] == [USERNAME_TAKEN]


def test_a_taken_email_is_said_the_same_way_everywhere(client, api_client, admin_client, api_as, alice, taken):
    assert signup_page(client, email="ana@example.COM")["email"] == [EMAIL_TAKEN]
    assert register_api(api_client, email="ANA@example.com")["email"] == [EMAIL_TAKEN]
    assert admin_add(admin_client, email="ana@EXAMPLE.com")["email"] == [EMAIL_TAKEN]
    me = api_as(alice).patch(ME_URL, {"email": "ana@example.com", "current_password": PASSWORD}, format="json")
    assert me.json()["error"]["fields"] == {"email": [EMAIL_TAKEN]}
    client.force_login(alice)
    profile = client.post(
        reverse("accounts:profile_edit"),
        {"display_name": "", "bio": "", "email": "ana@example.com", "current_password": PASSWORD},
    )
    assert profile.context["form"].errors["email"] == [EMAIL_TAKEN]


def test_the_admins_change_form_refuses_another_accounts_email_or_name(admin_client, alice, taken):
    data = {"username": "alice", "email": "ANA@example.com", "role": "user", "date_joined_0": "", "is_active": "on"}

    response = admin_client.post(reverse("admin:accounts_user_change", args=[alice.pk]), data)

    errors = response.context["adminform"].form.errors
    assert errors["email"] == [EMAIL_TAKEN]
    assert User.objects.get(pk=alice.pk).email == "alice@example.com"


def test_the_admin_stores_an_email_as_the_site_does(admin_client):
    data = {"username": "ana", "email": "ana@EXAMPLE.com", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}

    response = admin_client.post(reverse("admin:accounts_user_add"), data)

    assert response.status_code == 302
    assert User.objects.get(username="ana").email == "ana@example.com"
