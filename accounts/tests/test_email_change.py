"""Changing the email asks for the password and tells the old address, on the page and in the API."""

import pytest
from django.urls import reverse

from accounts.tests.helpers import ME_URL, PASSWORD

EDIT_URL = reverse("accounts:profile_edit")
NEW = "ana.new@example.org"

pytestmark = pytest.mark.django_db


def profile_data(user, **overrides) -> dict:
    return {"display_name": user.display_name, "bio": user.bio, "email": user.email, **overrides}


def stored_email(user) -> str:
    user.refresh_from_db()
    return user.email


# The page


@pytest.mark.parametrize(
    ("password", "error"),
    [("", "Enter your current password to change your email."), ("wrong-password", "That is not your password.")],
)
def test_the_page_refuses_a_new_email_without_the_right_password(user_client, user, mailoutbox, password, error):
    old = user.email

    response = user_client.post(EDIT_URL, profile_data(user, email=NEW, current_password=password))

    assert response.status_code == 200
    assert response.context["form"].errors == {"current_password": [error]}
    assert stored_email(user) == old
    assert mailoutbox == []


def test_the_page_changes_the_email_with_the_password_and_tells_the_old_address(
    user_client, user, mailoutbox, django_capture_on_commit_callbacks
):
    old = user.email
    with django_capture_on_commit_callbacks(execute=True):
        response = user_client.post(EDIT_URL, profile_data(user, email=NEW, current_password=PASSWORD))

    assert response.status_code == 302
    assert stored_email(user) == NEW
    [notice] = mailoutbox
    assert notice.to == [old]
    assert notice.subject == "Your Threadly email address was changed"
    assert f"@{user.username}" in notice.body


def test_the_page_needs_no_password_when_the_email_stays(user_client, user, mailoutbox):
    response = user_client.post(EDIT_URL, profile_data(user, bio="Rivers, mostly."))

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.bio == "Rivers, mostly."
    assert mailoutbox == []


def test_the_old_address_is_told_only_once_the_change_commits(
    user_client, user, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        user_client.post(EDIT_URL, profile_data(user, email=NEW, current_password=PASSWORD))

    assert mailoutbox == []
    assert len(callbacks) == 1


# The API


@pytest.mark.parametrize(
    ("body", "error"),
    [
        ({}, "Enter your current password to change your email."),
        ({"current_password": "wrong-password"}, "That is not your password."),
    ],
)
def test_the_api_refuses_a_new_email_without_the_right_password(api_as, alice, mailoutbox, body, error):
    response = api_as(alice).patch(ME_URL, {"email": NEW, **body}, format="json")

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "validation_error"
    assert response.json()["error"]["fields"] == {"current_password": [error]}
    assert stored_email(alice) == "alice@example.com"
    assert mailoutbox == []


def test_the_api_changes_the_email_with_the_password_and_tells_the_old_address(
    api_as, alice, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = api_as(alice).patch(ME_URL, {"email": NEW, "current_password": PASSWORD}, format="json")

    assert response.status_code == 200
    assert response.json()["email"] == NEW
    assert "current_password" not in response.json()
    assert stored_email(alice) == NEW
    assert [message.to for message in mailoutbox] == [["alice@example.com"]]


def test_the_api_needs_no_password_for_the_same_email_or_other_fields(api_as, alice, mailoutbox):
    response = api_as(alice).patch(ME_URL, {"email": "alice@example.com", "bio": "Rivers."}, format="json")

    assert response.status_code == 200
    assert response.json()["bio"] == "Rivers."
    assert mailoutbox == []


def test_recasing_your_own_email_needs_no_password_and_tells_no_one(
    user_client, user, mailoutbox, django_capture_on_commit_callbacks
):
    recased = user.email.upper().replace("@EXAMPLE.COM", "@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        response = user_client.post(EDIT_URL, profile_data(user, email=recased))

    assert response.status_code == 302
    assert stored_email(user) == recased
    assert mailoutbox == []
