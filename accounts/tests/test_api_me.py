"""People through the JSON API: public profiles, your own account and changing it, also with the site's session."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.api.serializers import MeSerializer
from accounts.factories import UserFactory
from accounts.models import User
from accounts.tests.helpers import ME_URL, PASSWORD, PUBLIC_PROFILE_FIELDS
from social import services as social_services

pytestmark = pytest.mark.django_db


def profile_url(username: str) -> str:
    return reverse("api:user-detail", kwargs={"username": username})


@pytest.fixture
def session_client(alice):
    """A browser-like API client: logged in with the site's session, CSRF checks on."""
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(alice)
    return client


# Public profiles


def test_a_profile_shows_the_public_fields_and_never_the_email(api_client, alice):
    response = api_client.get(profile_url("alice"))

    assert response.status_code == 200
    body = response.json()
    assert set(body) == PUBLIC_PROFILE_FIELDS
    assert (body["id"], body["username"], body["display_name"], body["bio"]) == (
        alice.pk,
        "alice",
        alice.display_name,
        alice.bio,
    )
    assert body["url"] == "http://testserver/api/threadly/v1/users/alice"
    assert body["html_url"] == f"http://testserver{alice.get_absolute_url()}"
    assert body["avatar_url"] is None
    assert alice.email not in response.content.decode()


def test_a_profile_is_found_in_any_capitalisation(api_client, alice):
    response = api_client.get(profile_url("ALiCE"))

    assert response.status_code == 200
    assert response.json()["username"] == "alice"
    assert response.json()["url"] == "http://testserver/api/threadly/v1/users/alice"


def test_an_unknown_or_inactive_user_is_a_404_in_the_error_shape(api_client, db):
    UserFactory(username="gone", is_active=False)

    for username in ("nobody", "gone"):
        response = api_client.get(profile_url(username))

        assert response.status_code == 404, username
        error = response.json()["error"]
        assert error["code"] == "not_found"
        assert error["fields"] == {}


def test_followed_by_me_says_whether_the_viewer_follows_them(api_as, alice, bob, carol):
    social_services.follow_create(follower=bob, followee=alice)

    as_bob = api_as(bob).get(profile_url("alice")).json()
    as_carol = api_as(carol).get(profile_url("alice")).json()

    assert (as_bob["followed_by_me"], as_carol["followed_by_me"]) == (True, False)
    assert (as_bob["follower_count"], as_bob["following_count"]) == (1, 0)


def test_followed_by_me_is_false_for_anonymous_viewers(api_client, alice, bob):
    social_services.follow_create(follower=bob, followee=alice)

    response = api_client.get(profile_url("alice"))

    assert response.json()["followed_by_me"] is False


# Your account


def test_me_needs_authentication(api_client, db):
    response = api_client.get(ME_URL)

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_me_shows_your_account_with_email_and_role(api_as, moderator):
    response = api_as(moderator).get(ME_URL)

    assert response.status_code == 200
    body = response.json()
    assert set(body) == PUBLIC_PROFILE_FIELDS | {
        "email",
        "role",
        "notify_followed_posts",
        "default_quote_policy",
        "expand_content_warnings",
        "time_zone",
    }
    assert (body["id"], body["username"], body["email"], body["role"]) == (
        moderator.pk,
        "moderator",
        "moderator@example.com",
        "moderator",
    )


def test_patch_me_changes_display_name_and_bio(api_as, alice):
    response = api_as(alice).patch(ME_URL, {"display_name": "Alice Liddell", "bio": "Down the hole."}, format="json")

    assert response.status_code == 200
    assert (response.json()["display_name"], response.json()["bio"]) == ("Alice Liddell", "Down the hole.")
    alice.refresh_from_db()
    assert (alice.display_name, alice.bio) == ("Alice Liddell", "Down the hole.")


def test_patch_me_changes_only_the_fields_sent(api_as, alice):
    old_bio, old_email = alice.bio, alice.email

    api_as(alice).patch(ME_URL, {"display_name": "Just the name"}, format="json")

    alice.refresh_from_db()
    assert (alice.display_name, alice.bio, alice.email) == ("Just the name", old_bio, old_email)


def test_patch_me_accepts_a_bio_of_exactly_300_characters(api_as, alice):
    response = api_as(alice).patch(ME_URL, {"bio": "x" * 300}, format="json")

    assert response.status_code == 200
    alice.refresh_from_db()
    assert alice.bio == "x" * 300


def test_patch_me_refuses_a_bio_over_300_characters(api_as, alice):
    old_bio = alice.bio

    response = api_as(alice).patch(ME_URL, {"bio": "x" * 301}, format="json")

    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {"bio": ["Ensure this field has no more than 300 characters."]}
    alice.refresh_from_db()
    assert alice.bio == old_bio


def test_patch_me_normalizes_a_new_email(api_as, alice):
    response = api_as(alice).patch(
        ME_URL, {"email": "Alice.New@EXAMPLE.ORG", "current_password": PASSWORD}, format="json"
    )

    assert response.status_code == 200
    assert response.json()["email"] == "Alice.New@example.org"
    alice.refresh_from_db()
    assert alice.email == "Alice.New@example.org"


def test_patch_me_accepts_your_own_email_in_another_case(api_as, alice):
    response = api_as(alice).patch(ME_URL, {"email": "ALICE@example.com"}, format="json")

    assert response.status_code == 200
    alice.refresh_from_db()
    assert alice.email == "ALICE@example.com"


def test_patch_me_refuses_an_email_another_account_has_in_another_case(api_as, alice, bob):
    response = api_as(alice).patch(ME_URL, {"email": "BOB@Example.com", "bio": "new bio"}, format="json")

    assert response.status_code == 409
    error = response.json()["error"]
    assert error["code"] == "conflict"
    assert error["fields"] == {"email": ["An account with that email exists."]}
    alice.refresh_from_db()
    assert alice.email == "alice@example.com"
    assert alice.bio != "new bio"


def test_an_email_taken_while_patching_is_a_conflict_not_a_server_error(api_as, alice, monkeypatch):
    """The database's case-insensitive constraint decides a race for an email."""
    check = MeSerializer.is_valid

    def validate_then_lose_the_race(serializer, **kwargs):
        valid = check(serializer, **kwargs)
        UserFactory(email="Taken@Example.com")
        return valid

    monkeypatch.setattr(MeSerializer, "is_valid", validate_then_lose_the_race)

    response = api_as(alice).patch(ME_URL, {"email": "taken@example.com", "current_password": PASSWORD}, format="json")

    assert response.status_code == 409
    assert response.json()["error"]["fields"] == {"email": ["An account with that email exists."]}
    alice.refresh_from_db()
    assert alice.email == "alice@example.com"


def test_patch_me_ignores_read_only_fields_so_nobody_can_raise_their_role(api_as, alice):
    sneaky = {
        "username": "queen",
        "role": "admin",
        "is_staff": True,
        "is_superuser": True,
        "follower_count": 1000,
        "post_count": 50,
        "id": 999,
        "bio": "honest change",
    }

    response = api_as(alice).patch(ME_URL, sneaky, format="json")

    assert response.status_code == 200
    assert (response.json()["username"], response.json()["role"]) == ("alice", "user")
    alice.refresh_from_db()
    assert (alice.username, alice.role, alice.is_staff, alice.is_superuser) == ("alice", "user", False, False)
    assert response.json()["id"] == alice.pk != 999
    assert (alice.follower_count, alice.post_count, alice.bio) == (0, 0, "honest change")


def test_patch_me_refuses_a_body_that_is_not_json(api_as, alice):
    response = api_as(alice).patch(ME_URL, {"bio": "hello"}, format="multipart")

    assert response.status_code == 415
    assert response.json()["error"]["code"] == "unsupported_media_type"
    alice.refresh_from_db()
    assert alice.bio != "hello"


def test_patch_me_refuses_a_number_where_text_belongs(api_as, alice):
    old_name = alice.display_name

    response = api_as(alice).patch(ME_URL, {"display_name": 42}, format="json")

    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["display_name"]
    alice.refresh_from_db()
    assert alice.display_name == old_name


# Session authentication, as the site's own pages use it


def test_session_login_reads_me(session_client, alice):
    response = session_client.get(ME_URL)

    assert response.status_code == 200
    assert response.json()["email"] == alice.email


def test_session_patch_without_a_csrf_token_is_forbidden(session_client, alice):
    response = session_client.patch(ME_URL, {"bio": "forged"}, format="json")

    assert response.status_code == 403
    error = response.json()["error"]
    assert error["code"] == "permission_denied"
    assert "CSRF" in error["message"]
    alice.refresh_from_db()
    assert alice.bio != "forged"


def test_session_delete_without_a_csrf_token_deletes_nothing(session_client, alice):
    response = session_client.delete(ME_URL, {"password": PASSWORD}, format="json")

    assert response.status_code == 403
    assert User.objects.filter(pk=alice.pk).exists()


def test_session_patch_with_the_csrf_token_from_a_page_succeeds(session_client, alice):
    session_client.get(reverse("accounts:profile_edit"))
    token = session_client.cookies["csrftoken"].value

    response = session_client.patch(ME_URL, {"bio": "from the page"}, format="json", HTTP_X_CSRFTOKEN=token)

    assert response.status_code == 200
    alice.refresh_from_db()
    assert alice.bio == "from the page"


@pytest.mark.django_db
def test_a_display_name_longer_than_the_schema_allows_is_refused_before_trimming(api_as, alice):
    """The schema says at most 50 characters of input: 51 with a space to trim is still too many."""
    response = api_as(alice).patch(ME_URL, {"display_name": " " + "x" * 50}, format="json")

    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["display_name"]
    alice.refresh_from_db()
    assert alice.display_name != "x" * 50
