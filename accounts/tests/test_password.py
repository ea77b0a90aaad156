import re

import pytest
from django.contrib.auth import SESSION_KEY
from django.urls import reverse

from accounts.factories import UserFactory
from accounts.tests.helpers import PASSWORD

CHANGE_URL = reverse("accounts:password_change")
RESET_URL = reverse("accounts:password_reset")
LOGIN_URL = reverse("accounts:login")
NEW_PASSWORD = "plum-kettle-orbit-93"
RESET_LINK = re.compile(r"https?://testserver(/accounts/password-reset/[^/\s]+/[^/\s]+/)")

pytestmark = pytest.mark.django_db


def test_password_change_sets_the_new_password_and_keeps_the_session(user_client, user):
    response = user_client.post(
        CHANGE_URL, {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )

    assert response.status_code == 302
    assert response.url == reverse("accounts:password_change_done")
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert not user.check_password(PASSWORD)
    # The session hash was updated: the user is still logged in on this client.
    assert user_client.get(reverse("accounts:profile_edit")).status_code == 200


def test_password_change_with_a_wrong_old_password_changes_nothing(user_client, user):
    response = user_client.post(
        CHANGE_URL, {"old_password": "not-it", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )

    assert response.status_code == 200
    assert "old_password" in response.context["form"].errors
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_password_change_rejects_a_weak_new_password(user_client, user):
    response = user_client.post(
        CHANGE_URL, {"old_password": PASSWORD, "new_password1": "password", "new_password2": "password"}
    )

    assert response.status_code == 200
    assert "This password is too common." in response.context["form"].errors["new_password2"]
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def request_reset_link(client, mailoutbox, email: str) -> str:
    response = client.post(RESET_URL, {"email": email})
    assert response.status_code == 302
    assert response.url == reverse("accounts:password_reset_done")
    assert len(mailoutbox) == 1
    match = RESET_LINK.search(mailoutbox[0].body)
    assert match, mailoutbox[0].body
    return match.group(1)


def test_password_reset_by_email_lets_the_user_log_in_with_a_new_password(client, mailoutbox):
    ana = UserFactory(username="ana", email="ana@example.com")

    link = request_reset_link(client, mailoutbox, "ana@example.com")

    message = mailoutbox[0]
    assert message.to == ["ana@example.com"]
    assert message.subject == "Reset your Threadly password"
    assert "@ana" in message.body
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    assert form_page.context["validlink"] is True
    set_password_url = form_page.redirect_chain[-1][0]
    response = client.post(set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 302
    assert response.url == reverse("accounts:password_reset_complete")

    ana.refresh_from_db()
    assert ana.check_password(NEW_PASSWORD)
    login = client.post(LOGIN_URL, {"username": "ana", "password": NEW_PASSWORD})
    assert login.status_code == 302
    assert int(client.session[SESSION_KEY]) == ana.pk


def test_password_reset_finds_the_account_whatever_the_email_case(client, mailoutbox):
    UserFactory(email="ana@example.com")

    request_reset_link(client, mailoutbox, "ANA@Example.com")

    assert mailoutbox[0].to == ["ana@example.com"]


def test_a_reset_link_works_only_once(client, mailoutbox):
    UserFactory(email="ana@example.com")
    link = request_reset_link(client, mailoutbox, "ana@example.com")
    form_page = client.get(link, follow=True)
    client.post(form_page.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    again = client.get(link, follow=True)

    assert again.status_code == 200
    assert again.context["validlink"] is False
    assert "invalid or was already used" in again.text


def test_password_reset_for_an_unknown_email_sends_nothing_and_says_the_same(client, mailoutbox):
    UserFactory(email="ana@example.com")

    response = client.post(RESET_URL, {"email": "nobody@example.com"})

    assert response.status_code == 302
    assert response.url == reverse("accounts:password_reset_done")
    assert mailoutbox == []
