"""People through the JSON API: public profiles, your own account, changing it and deleting it."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from rest_framework.test import APIClient
from rest_framework_simplejwt.tokens import RefreshToken

from accounts import services
from accounts.api.serializers import MeSerializer
from accounts.factories import UserFactory
from accounts.models import User
from accounts.tests.helpers import PASSWORD, PUBLIC_PROFILE_FIELDS, image_upload
from posts import services as post_services
from posts.models import Comment, Like, Post
from social import services as social_services
from social.models import Follow

ME_URL = reverse("api:me")
AVATAR_URL = reverse("api:me-avatar")
REFRESH_URL = reverse("api:token-refresh")

pytestmark = pytest.mark.django_db


def profile_url(username: str) -> str:
    return reverse("api:user-detail", kwargs={"username": username})


def stored_files(settings) -> list[Path]:
    media = Path(settings.MEDIA_ROOT)
    return sorted(path for path in media.rglob("*") if path.is_file()) if media.exists() else []


def with_avatar(user: User) -> User:
    services.user_update_profile(user=user, avatar=image_upload("first.png"))
    user.refresh_from_db()
    assert user.avatar
    return user


def assert_counters_match_rows():
    """Every stored counter equals a recount of the rows it summarises."""
    for person in User.objects.all():
        assert person.follower_count == Follow.objects.filter(followee=person).count(), person
        assert person.following_count == Follow.objects.filter(follower=person).count(), person
        assert person.post_count == Post.objects.filter(author=person).count(), person
    for post in Post.objects.all():
        assert post.like_count == Like.objects.filter(post=post).count(), post
        assert post.comment_count == Comment.objects.filter(post=post).count(), post


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
    assert body["url"] == "http://testserver/api/v1/users/alice"
    assert body["html_url"] == f"http://testserver{alice.get_absolute_url()}"
    assert body["avatar_url"] is None
    assert alice.email not in response.content.decode()


def test_a_profile_is_found_in_any_capitalisation(api_client, alice):
    response = api_client.get(profile_url("ALiCE"))

    assert response.status_code == 200
    assert response.json()["username"] == "alice"
    assert response.json()["url"] == "http://testserver/api/v1/users/alice"


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
    assert set(body) == PUBLIC_PROFILE_FIELDS | {"email", "role", "notify_followed_posts"}
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
    response = api_as(alice).patch(ME_URL, {"email": "Alice.New@EXAMPLE.ORG"}, format="json")

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

    response = api_as(alice).patch(ME_URL, {"email": "taken@example.com"}, format="json")

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


# Your avatar


def test_put_avatar_stores_an_image_sent_as_multipart(api_as, alice, settings):
    response = api_as(alice).put(AVATAR_URL, {"avatar": image_upload("me.png", size=(16, 12))}, format="multipart")

    assert response.status_code == 200
    alice.refresh_from_db()
    assert alice.avatar.name.startswith("avatars/") and alice.avatar.name.endswith(".png")
    assert response.json()["avatar_url"] == f"http://testserver/media/{alice.avatar.name}"
    assert response.json()["email"] == alice.email
    assert stored_files(settings) == [Path(settings.MEDIA_ROOT) / alice.avatar.name]


@pytest.mark.parametrize(
    "make_upload",
    [
        lambda: SimpleUploadedFile("me.png", b"this is text, not a picture", content_type="image/png"),
        lambda: image_upload("me.bmp", image_format="BMP"),
    ],
    ids=["text", "bmp"],
)
def test_put_avatar_refuses_a_file_that_is_not_a_web_image(api_as, alice, settings, make_upload):
    response = api_as(alice).put(AVATAR_URL, {"avatar": make_upload()}, format="multipart")

    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "validation_error"
    assert list(error["fields"]) == ["avatar"]
    alice.refresh_from_db()
    assert not alice.avatar
    assert stored_files(settings) == []


def test_put_avatar_refuses_an_oversized_image(api_as, alice, settings):
    settings.AVATAR_MAX_BYTES = 100
    big = image_upload("big.png", size=(32, 32))
    assert big.size > 100

    response = api_as(alice).put(AVATAR_URL, {"avatar": big}, format="multipart")

    assert response.status_code == 400
    assert response.json()["error"]["fields"]["avatar"][0].startswith("The avatar must be at most")
    alice.refresh_from_db()
    assert not alice.avatar
    assert stored_files(settings) == []


def test_put_avatar_refuses_a_body_far_over_the_limit_before_reading_it(api_as, alice, settings):
    settings.AVATAR_MAX_BYTES = 100
    huge = SimpleUploadedFile("huge.png", b"x" * 70_000, content_type="image/png")

    response = api_as(alice).put(AVATAR_URL, {"avatar": huge}, format="multipart")

    assert response.status_code == 413
    assert response.json()["error"]["code"] == "payload_too_large"
    assert stored_files(settings) == []


def test_replacing_the_avatar_removes_the_old_file(api_as, alice, settings, django_capture_on_commit_callbacks):
    with_avatar(alice)
    old_file = Path(alice.avatar.path)

    with django_capture_on_commit_callbacks(execute=True):
        response = api_as(alice).put(AVATAR_URL, {"avatar": image_upload("second.png")}, format="multipart")

    assert response.status_code == 200
    alice.refresh_from_db()
    assert "second" in alice.avatar.name
    assert not old_file.exists()
    assert stored_files(settings) == [Path(alice.avatar.path)]


def test_delete_avatar_removes_it_and_its_file(api_as, alice, settings, django_capture_on_commit_callbacks):
    with_avatar(alice)
    old_file = Path(alice.avatar.path)

    with django_capture_on_commit_callbacks(execute=True):
        response = api_as(alice).delete(AVATAR_URL)

    assert response.status_code == 204
    alice.refresh_from_db()
    assert alice.avatar.name == ""
    assert not old_file.exists()
    assert stored_files(settings) == []
    assert api_as(alice).get(ME_URL).json()["avatar_url"] is None


# Deleting your account


@pytest.fixture
def alices_activity(alice, bob, carol):
    """Alice follows, is followed, posts, likes and comments, all through the services."""
    social_services.follow_create(follower=alice, followee=bob)
    social_services.follow_create(follower=carol, followee=alice)
    bobs_post = post_services.post_create(author=bob, body="Bob's post")
    alices_post = post_services.post_create(author=alice, body="Alice's post")
    post_services.like_create(user=alice, post=bobs_post)
    post_services.like_create(user=bob, post=alices_post)
    post_services.comment_create(post=bobs_post, author=alice, body="Nice one")
    assert_counters_match_rows()
    return {"bobs_post": bobs_post, "alices_post": alices_post}


def test_delete_me_with_the_password_removes_the_account_and_fixes_others_counters(
    api_as, alice, bob, carol, alices_activity
):
    response = api_as(alice).delete(ME_URL, {"password": PASSWORD}, format="json")

    assert response.status_code == 204
    assert not User.objects.filter(pk=alice.pk).exists()
    assert not Post.objects.filter(author_id=alice.pk).exists()
    bob.refresh_from_db()
    carol.refresh_from_db()
    assert (bob.follower_count, carol.following_count) == (0, 0)
    bobs_post = Post.objects.get(pk=alices_activity["bobs_post"].pk)
    assert (bobs_post.like_count, bobs_post.comment_count) == (0, 0)
    assert_counters_match_rows()


@pytest.mark.parametrize(
    ("body", "message"),
    [({"password": "not-my-password"}, "That is not your password."), ({}, "This field is required.")],
    ids=["wrong", "missing"],
)
def test_delete_me_without_the_right_password_deletes_nothing(api_as, alice, alices_activity, body, message):
    response = api_as(alice).delete(ME_URL, body, format="json")

    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "validation_error"
    assert error["fields"] == {"password": [message]}
    assert User.objects.filter(pk=alice.pk).exists()
    assert Post.objects.filter(author=alice).count() == 1
    assert Follow.objects.filter(follower=alice).count() == 1
    assert_counters_match_rows()


def test_delete_me_removes_the_avatar_file(api_as, alice, settings, django_capture_on_commit_callbacks):
    with_avatar(alice)

    with django_capture_on_commit_callbacks(execute=True):
        response = api_as(alice).delete(ME_URL, {"password": PASSWORD}, format="json")

    assert response.status_code == 204
    assert stored_files(settings) == []


def test_the_access_token_of_a_deleted_account_is_refused(alice):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {RefreshToken.for_user(alice).access_token}")
    client.delete(ME_URL, {"password": PASSWORD}, format="json")

    response = client.get(ME_URL)

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "user_not_found"


def test_the_refresh_token_of_a_deleted_account_is_refused(api_as, api_client, alice):
    refresh = str(RefreshToken.for_user(alice))
    api_as(alice).delete(ME_URL, {"password": PASSWORD}, format="json")
    api_client.raise_request_exception = False

    response = api_client.post(REFRESH_URL, {"refresh": refresh}, format="json")

    assert response.status_code == 401, f"refresh answered {response.status_code}, not 401"
    assert "access" not in response.json()


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
