"""The posts API: publishing, reading, editing and deleting one post."""

import pytest
from django.conf import settings
from django.urls import reverse

from posts.models import Post
from posts.tests.helpers import POSTS, detail, error_of

# Publishing -----------------------------------------------------------------------------------------------------------


def test_create_post_answers_201_with_the_post_and_its_location(api_as, alice):
    response = api_as(alice).post(POSTS, {"body": "Hello <b>world</b>"}, format="json")

    assert response.status_code == 201
    post = Post.objects.get()
    assert response["Location"] == f"http://testserver{detail(post.pk)}"
    data = response.json()
    assert data["id"] == post.pk
    assert data["body"] == "Hello <b>world</b>"
    assert data["visibility"] == "public"
    assert data["author"]["username"] == "alice"
    assert (data["like_count"], data["reply_count"], data["liked_by_me"], data["edited_at"]) == (0, 0, False, None)
    alice.refresh_from_db()
    assert alice.post_count == 1


def test_create_post_trims_the_body_and_keeps_a_followers_only_visibility(api_as, alice):
    response = api_as(alice).post(POSTS, {"body": "  just friends  ", "visibility": "followers"}, format="json")

    assert response.status_code == 201
    post = Post.objects.get()
    assert (post.body, post.visibility) == ("just friends", Post.Visibility.FOLLOWERS)


@pytest.mark.parametrize("body", ["", "   \n\t ", None])
def test_create_post_refuses_an_empty_body(api_as, alice, body):
    response = api_as(alice).post(POSTS, {"body": body}, format="json")

    assert response.status_code == 400
    assert error_of(response)["code"] == "validation_error"
    assert "body" in error_of(response)["fields"]
    assert not Post.objects.exists()


def test_create_post_refuses_a_body_over_the_limit_but_takes_one_at_it(api_as, alice, settings):
    client = api_as(alice)

    too_long = client.post(POSTS, {"body": "x" * (settings.POST_MAX_LENGTH + 1)}, format="json")
    at_limit = client.post(POSTS, {"body": "x" * settings.POST_MAX_LENGTH}, format="json")

    assert too_long.status_code == 400
    assert "body" in error_of(too_long)["fields"]
    assert at_limit.status_code == 201
    assert Post.objects.count() == 1


def test_create_post_refuses_an_unknown_visibility(api_as, alice):
    response = api_as(alice).post(POSTS, {"body": "hi", "visibility": "secret"}, format="json")

    assert response.status_code == 400
    assert "visibility" in error_of(response)["fields"]
    assert not Post.objects.exists()


def test_create_post_anonymously_is_401_with_a_bearer_challenge(api_client, db):
    response = api_client.post(POSTS, {"body": "hi"}, format="json")

    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert error_of(response)["code"] == "not_authenticated"
    assert not Post.objects.exists()


def test_creating_posts_is_throttled_by_the_post_scope(api_as, alice, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "post": "2/300"}
    client = api_as(alice)

    statuses = [client.post(POSTS, {"body": f"post {n}"}, format="json").status_code for n in range(3)]

    assert statuses == [201, 201, 429]
    assert Post.objects.count() == 2


# Reading one post -----------------------------------------------------------------------------------------------------


def test_post_representation(api_client, post):
    response = api_client.get(detail(post.pk))

    assert response.status_code == 200
    data = response.json()
    assert set(data) == {
        "id",
        "url",
        "html_url",
        "author",
        "content_warning",
        "body",
        "html",
        "images",
        "link_card",
        "visibility",
        "in_reply_to",
        "conversation",
        "like_count",
        "reply_count",
        "liked_by_me",
        "bookmarked_by_me",
        "can_edit",
        "can_delete",
        "can_report",
        "can_reply",
        "reply_refusal",
        "reply_policy",
        "created_at",
        "edited_at",
        "quoted_post",
        "quote_state",
        "quote_policy",
        "repost_count",
        "quote_count",
        "reposted_by_me",
        "can_repost",
        "can_quote",
        "can_detach",
        "repost_of",
        "reposted_by",
    }
    assert [data[flag] for flag in ("can_edit", "can_delete", "can_report", "can_reply")] == [False] * 4
    assert data["bookmarked_by_me"] is False
    assert (data["reply_refusal"], data["in_reply_to"], data["conversation"]) == ("Log in to reply.", None, post.pk)
    assert data["reply_policy"] == "everyone"
    assert data["url"] == f"http://testserver{detail(post.pk)}"
    assert data["html_url"] == f"http://testserver{post.get_absolute_url()}"
    assert set(data["author"]) == {"id", "username", "display_name", "avatar_url"}
    assert data["author"]["id"] == post.author_id
    assert data["author"]["avatar_url"] is None
    assert data["body"] == "Hello #threadly"
    assert (data["in_reply_to"], data["conversation"]) == (None, post.pk)  # A post starts its own conversation.
    assert data["created_at"] is not None


def test_post_html_escapes_markup_and_links_mentions_and_hashtags_absolutely(api_as, alice, bob):
    body = "<script>alert(1)</script> hi @bob #News"
    created = api_as(alice).post(POSTS, {"body": body}, format="json").json()

    html = api_as(alice).get(detail(created["id"])).json()["html"]

    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert f'href="http://testserver{reverse("social:profile", kwargs={"username": "bob"})}"' in html
    assert f'href="http://testserver{reverse("search:tag", kwargs={"tag": "news"})}"' in html
    assert created["body"] == body


def test_a_followers_only_post_is_404_to_anonymous_and_non_followers(api_client, api_as, bob, followers_post):
    for client in (api_client, api_as(bob)):
        response = client.get(detail(followers_post.pk))
        assert response.status_code == 404
        assert error_of(response)["code"] == "not_found"


def test_a_followers_only_post_is_shown_to_its_author_and_followers(api_as, alice, follower, followers_post):
    for user in (alice, follower):
        response = api_as(user).get(detail(followers_post.pk))
        assert response.status_code == 200
        assert response.json()["visibility"] == "followers"


@pytest.mark.parametrize("post_id", ["424242", "999999999999999999", "99999999999999999999999"])
def test_a_missing_or_huge_post_id_is_a_404_in_the_error_envelope(api_client, db, post_id):
    response = api_client.get(f"{POSTS}/{post_id}")

    assert response.status_code == 404
    assert error_of(response)["code"] == "not_found"


# Editing and deleting -------------------------------------------------------------------------------------------------


def test_author_edits_only_the_body(api_as, alice, followers_post):
    response = api_as(alice).patch(detail(followers_post.pk), {"body": "Rewritten #history"}, format="json")

    assert response.status_code == 200
    assert response.json()["body"] == "Rewritten #history"
    assert response.json()["visibility"] == "followers"
    assert response.json()["edited_at"] is not None
    followers_post.refresh_from_db()
    assert followers_post.body == "Rewritten #history"
    assert followers_post.visibility == Post.Visibility.FOLLOWERS
    assert followers_post.edited_at is not None
    assert list(followers_post.hashtags.values_list("name", flat=True)) == ["history"]


def test_author_edits_only_the_visibility(api_as, alice, post):
    response = api_as(alice).patch(detail(post.pk), {"visibility": "followers"}, format="json")

    assert response.status_code == 200
    post.refresh_from_db()
    assert (post.body, post.visibility) == ("Hello #threadly", Post.Visibility.FOLLOWERS)
    assert post.edited_at is not None


@pytest.mark.parametrize(
    "data", [{"body": "   "}, {"body": "x" * (settings.POST_MAX_LENGTH + 1)}, {"visibility": "everyone"}]
)
def test_an_invalid_edit_is_400_and_changes_nothing(api_as, alice, post, data):
    response = api_as(alice).patch(detail(post.pk), data, format="json")

    assert response.status_code == 400
    assert set(error_of(response)["fields"]) == set(data)
    post.refresh_from_db()
    assert (post.body, post.visibility, post.edited_at) == ("Hello #threadly", Post.Visibility.PUBLIC, None)


def test_an_edit_that_changes_nothing_leaves_the_post_unedited(api_as, alice, post):
    response = api_as(alice).patch(detail(post.pk), {"body": post.body}, format="json")

    assert response.status_code == 200
    assert response.json()["edited_at"] is None
    post.refresh_from_db()
    assert post.edited_at is None


def test_someone_elses_post_is_403_even_with_invalid_data(api_as, bob, post):
    response = api_as(bob).patch(detail(post.pk), {"body": ""}, format="json")

    assert response.status_code == 403
    assert error_of(response)["code"] == "permission_denied"


def test_a_deleted_post_is_gone_from_the_api(api_as, alice, post):
    client = api_as(alice)

    assert client.delete(detail(post.pk)).status_code == 204
    assert client.get(detail(post.pk)).status_code == 404
    assert client.delete(detail(post.pk)).status_code == 404
