"""Settings → Apps, and apps' tokens ending with the sign-in: a revoke, a new password, a suspension."""

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.test import Client
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from oauth2_provider.models import AccessToken, RefreshToken

from accounts.services import user_suspend, user_unsuspend
from mastodon_api.tests.oauth_flow import bearer, browser_for, login, register

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a-brand-new-password-for-apps-42"


def works(token: str) -> bool:
    status = bearer(token).get("/api/v1/apps/verify_credentials").status_code
    assert status in {200, 401}
    return status == 200


def test_the_apps_page_lists_the_apps_a_person_authorised_and_is_linked_from_settings(alice, bob):
    login(alice, register(website="https://app.example/"), scope="read write")
    login(bob, register())
    browser = browser_for(alice)

    page = browser.get("/settings/apps/")
    html = page.content.decode()
    assert page.status_code == 200
    assert html.count('class="person authorised-app"') == 1
    assert "Test app" in html
    assert 'href="https://app.example/"' in html
    assert "Can: read, write" in html
    assert "Revoke access" in html
    assert 'href="/settings/apps/"' in browser.get("/accounts/settings/profile/").content.decode()


def test_the_apps_page_needs_a_login():
    response = Client().get("/settings/apps/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_revoking_without_javascript_ends_that_apps_tokens_at_once_and_no_others(alice, bob):
    first_app, second_app = register(), register()
    revoked, kept, bobs = login(alice, first_app), login(alice, second_app), login(bob, first_app)
    browser = browser_for(alice)
    application_id = AccessToken.objects.get(user=alice, application__client_id=first_app["client_id"]).application_id

    response = browser.post(f"/settings/apps/{application_id}/revoke")

    assert response.status_code == 302
    assert response["Location"] == "/settings/apps/"
    assert not works(revoked)
    assert works(kept)
    assert works(bobs)
    assert not RefreshToken.objects.filter(user=alice, application_id=application_id).exists()


def test_revoking_with_htmx_answers_the_list_fragment(alice):
    token = login(alice)
    application_id = AccessToken.objects.get(user=alice).application_id

    response = browser_for(alice).post(f"/settings/apps/{application_id}/revoke", HTTP_HX_REQUEST="true")

    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<section id="authorised-apps"')
    assert "The app's access was revoked." in html
    assert "You have not given any app access" in html
    assert not works(token)


def test_revoking_needs_a_post_with_the_csrf_token(alice):
    login(alice)
    application_id = AccessToken.objects.get(user=alice).application_id
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(alice)

    assert strict.get(f"/settings/apps/{application_id}/revoke").status_code == 405
    assert strict.post(f"/settings/apps/{application_id}/revoke").status_code == 403
    assert AccessToken.objects.filter(user=alice).exists()


def test_the_apps_page_costs_the_same_queries_for_one_app_and_many(alice):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    browser = browser_for(alice)
    login(alice)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert browser.get("/settings/apps/").status_code == 200
        return len(queries)

    one = count()
    for _ in range(4):
        login(alice)
    assert count() == one


def test_a_password_change_on_the_settings_page_ends_apps_tokens(alice):
    token = login(alice)
    browser = browser_for(alice)

    response = browser.post(
        "/accounts/settings/password/",
        {"old_password": "threadly-test-password", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert response.status_code == 302
    assert not works(token)
    assert not AccessToken.objects.filter(user=alice).exists()


def test_a_password_reset_ends_apps_tokens(alice):
    token = login(alice)
    uid = urlsafe_base64_encode(force_bytes(alice.pk))
    browser = Client()
    start = browser.get(f"/accounts/password-reset/{uid}/{default_token_generator.make_token(alice)}/")
    browser.post(start["Location"], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    alice.refresh_from_db()
    assert alice.check_password(NEW_PASSWORD)
    assert not works(token)


def test_a_password_set_by_an_operator_ends_apps_tokens(alice):
    token = login(alice)
    alice.set_password(NEW_PASSWORD)
    alice.save()

    assert not works(token)


def test_a_suspension_ends_apps_tokens_for_good(alice):
    token = login(alice)

    user_suspend(user=alice)
    user_unsuspend(user=alice)

    assert not works(token)
    assert not AccessToken.objects.filter(user=alice).exists()
