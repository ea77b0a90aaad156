"""Suspension: it takes effect on sessions and tokens at once, hides the person's content, and can be lifted."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient
from rest_framework_simplejwt.tokens import RefreshToken

from accounts.tests.helpers import PASSWORD
from moderation.models import Report
from moderation.tests.conftest import REPORTS_URL, USERS_URL, admin_action, moderation_log, refreshed
from posts import services as posts_services
from posts.tests.helpers import post_ids_on
from search.tests.helpers import api_post_ids, found_post_ids
from social import services as social_services

ME_URL = "/api/threadly/v1/users/me"


def is_logged_in(client) -> bool:
    response = client.get(reverse("social:explore"))
    return response.wsgi_request.user.is_authenticated


@pytest.fixture
def suspend_bob(mod_client, alice, bob, report_of):
    """Suspend bob from the queue, through a report about him."""

    def suspend(reason: str = "Spam account"):
        return admin_action(mod_client, REPORTS_URL, "suspend_author", [report_of(alice, bob)], reason=reason)

    return suspend


@pytest.mark.django_db
def test_suspending_from_the_queue(suspend_bob, mod, bob):
    response = suspend_bob()

    assert response.status_code == 302
    bob = refreshed(bob)
    assert bob.is_active is False
    assert bob.suspended_at is not None
    report = Report.objects.get()
    assert (report.status, report.handled_by) == ("actioned", mod)
    entry = moderation_log().get()
    assert (entry.actor, entry.action, entry.target, entry.reason) == (mod, "suspend", "@bob", "Spam account")


@pytest.mark.django_db
def test_suspending_the_author_of_a_reported_post_or_reply(mod_client, alice, carol, bob, post, reply, report_of):
    admin_action(mod_client, REPORTS_URL, "suspend_author", [report_of(alice, post), report_of(carol, reply)])

    assert refreshed(bob).is_active is False
    assert refreshed(carol).is_active
    assert set(Report.objects.values_list("status", flat=True)) == {"actioned"}


@pytest.mark.django_db
def test_an_existing_session_stops_working(client_of, suspend_bob, bob):
    browser = client_of(bob)
    assert is_logged_in(browser)

    suspend_bob()

    assert not is_logged_in(browser)
    response = browser.get(reverse("notifications:list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.django_db
def test_their_access_token_is_refused(suspend_bob, bob):
    app = APIClient()
    app.credentials(HTTP_AUTHORIZATION=f"Bearer {RefreshToken.for_user(bob).access_token}")
    assert app.get(ME_URL).status_code == 200

    suspend_bob()

    assert app.get(ME_URL).status_code == 401
    assert app.get("/api/threadly/v1/posts").status_code == 401


@pytest.mark.django_db
def test_their_refresh_token_is_refused(api_client, suspend_bob, bob):
    refresh = str(RefreshToken.for_user(bob))

    suspend_bob()

    response = api_client.post("/api/threadly/v1/auth/token/refresh", {"refresh": refresh}, format="json")
    assert response.status_code == 401
    assert "access" not in response.json()


@pytest.mark.django_db
def test_they_cannot_log_in_or_get_a_token(client, api_client, suspend_bob, bob):
    suspend_bob()

    page = client.post(reverse("accounts:login"), {"username": "bob", "password": PASSWORD})
    token = api_client.post("/api/threadly/v1/auth/token", {"username": "bob", "password": PASSWORD}, format="json")

    assert page.status_code == 200
    assert "_auth_user_id" not in client.session
    assert token.status_code == 401


@pytest.mark.django_db
def test_their_posts_and_replies_disappear_everywhere(
    client_of, api_client, suspend_bob, alice, carol, bob, post, reply
):
    social_services.follow_create(follower=alice, followee=bob)
    reader = client_of(alice)

    suspend_bob()

    assert reader.get(post.get_absolute_url()).status_code == 404
    assert post.pk not in post_ids_on(reader.get(reverse("social:home")))
    assert post.pk not in post_ids_on(reader.get(reverse("social:explore")))
    assert reader.get(bob.get_absolute_url()).status_code == 404
    assert found_post_ids(reader, "watches") == []
    assert "You are an idiot" not in reader.get(reply.in_reply_to.get_absolute_url()).content.decode()
    assert api_client.get(f"/api/threadly/v1/posts/{post.pk}").status_code == 404
    assert api_client.get(f"/api/threadly/v1/posts/{reply.pk}").status_code == 404
    assert api_client.get("/api/threadly/v1/users/bob").status_code == 404
    assert api_post_ids(api_client, "watches") == []
    comments = api_client.get(f"/api/threadly/v1/posts/{reply.in_reply_to_id}/replies").json()["results"]
    assert reply.pk not in [comment["id"] for comment in comments]
    assert post.pk not in [item["id"] for item in api_client.get("/api/threadly/v1/posts/public").json()["results"]]


@pytest.mark.django_db
def test_their_content_is_kept(suspend_bob, post, reply):
    suspend_bob()

    assert (refreshed(post).removed_at, refreshed(reply).removed_at) == (None, None)


@pytest.mark.django_db
def test_lifting_a_suspension_restores_access_and_content(mod_client, mod, client, api_client, suspend_bob, bob, post):
    suspend_bob()

    response = admin_action(mod_client, USERS_URL, "unsuspend_selected", [bob], reason="Appeal")

    assert response.status_code == 302
    bob = refreshed(bob)
    assert (bob.is_active, bob.suspended_at) == (True, None)
    client.post(reverse("accounts:login"), {"username": "bob", "password": PASSWORD})
    assert client.session["_auth_user_id"] == str(bob.pk)
    assert (
        api_client.post(
            "/api/threadly/v1/auth/token", {"username": "bob", "password": PASSWORD}, format="json"
        ).status_code
        == 200
    )
    assert api_client.get(f"/api/threadly/v1/posts/{post.pk}").status_code == 200
    assert post.pk in post_ids_on(client.get(reverse("social:explore")))
    entry = moderation_log().filter(action="unsuspend").get()
    assert (entry.actor, entry.target, entry.reason) == (mod, "@bob", "Appeal")


@pytest.mark.django_db
def test_suspending_from_the_users_list_in_bulk(mod_client, mod, alice, bob, carol):
    response = admin_action(mod_client, USERS_URL, "suspend_selected", [alice, bob], reason="Ring of spam")

    assert response.status_code == 302
    assert (refreshed(alice).is_active, refreshed(bob).is_active, refreshed(carol).is_active) == (False, False, True)
    assert moderation_log().filter(action="suspend", actor=mod, reason="Ring of spam").count() == 2


@pytest.mark.django_db
def test_suspending_twice_from_the_users_list_logs_once(mod_client, bob):
    admin_action(mod_client, USERS_URL, "suspend_selected", [bob])
    admin_action(mod_client, USERS_URL, "suspend_selected", [bob])
    admin_action(mod_client, USERS_URL, "unsuspend_selected", [bob])
    admin_action(mod_client, USERS_URL, "unsuspend_selected", [bob])

    assert list(moderation_log().order_by("id").values_list("action", flat=True)) == ["suspend", "unsuspend"]


@pytest.mark.django_db
def test_a_moderator_cannot_suspend_themself_from_the_users_list(mod_client, mod, bob):
    admin_action(mod_client, USERS_URL, "suspend_selected", [mod, bob])

    assert refreshed(mod).is_active
    assert refreshed(bob).is_active is False
    assert is_logged_in(mod_client)
    assert moderation_log().filter(action="suspend").count() == 1


@pytest.mark.django_db
def test_a_moderator_cannot_suspend_themself_from_the_queue(mod_client, mod, alice, report_of):
    """A report about the moderator's own post must not lock them out when they pick "suspend the author"."""
    own_post = posts_services.post_create(author=mod, body="My own words")

    admin_action(mod_client, REPORTS_URL, "suspend_author", [report_of(alice, own_post)])

    assert refreshed(mod).is_active


@pytest.mark.django_db
def test_a_suspended_moderator_loses_the_admin(client_of, make_moderator, admin_client, bob):
    other = make_moderator("other_mod")
    their_browser = client_of(other)

    admin_action(admin_client, USERS_URL, "suspend_selected", [other])

    response = their_browser.get(REPORTS_URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_a_moderator_cannot_suspend_another_moderator(client_of, make_moderator, mod_client):
    other = make_moderator("other_mod")

    admin_action(mod_client, USERS_URL, "suspend_selected", [other])

    other.refresh_from_db()
    assert other.is_active
    assert other.suspended_at is None


@pytest.mark.django_db
def test_sessions_and_refresh_tokens_from_before_a_suspension_stay_ended_after_it_is_lifted(
    client_of, api_client, suspend_bob, bob
):
    from moderation import services

    old_browser = client_of(bob)
    old_refresh = str(RefreshToken.for_user(bob))
    suspend_bob()

    services.user_unsuspend(user=refreshed(bob), moderator=None, reason="appeal accepted")

    assert not is_logged_in(old_browser)
    response = api_client.post("/api/threadly/v1/auth/token/refresh", {"refresh": old_refresh}, format="json")
    assert response.status_code == 401
    assert is_logged_in(client_of(refreshed(bob)))
    fresh = api_client.post("/api/threadly/v1/auth/token", {"username": "bob", "password": PASSWORD}, format="json")
    assert fresh.status_code == 200


@pytest.mark.django_db
def test_a_session_made_before_the_epoch_existed_still_works(client_of, alice):
    assert alice.session_epoch == 0
    browser = client_of(alice)

    assert is_logged_in(browser)
