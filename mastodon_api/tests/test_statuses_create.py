"""POST /api/v1/statuses as Mastodon's apps send it (form data as Mastodon.py, JSON as toot):
through posts.services.post_create, with Mastodon's parameters, refusals and Idempotency-Key."""

import pytest

from mastodon_api.tests.test_entities import STATUS_FIELDS
from posts.models import Post
from posts.services import post_create
from social.services import block_create, follow_create
from tests.races import race

pytestmark = pytest.mark.django_db


def test_a_form_post_is_published_and_answered_as_a_status(mastodon_as, alice):
    response = mastodon_as(alice).post("/api/v1/statuses", {"status": "Hello #fediverse", "visibility": "public"})

    assert response.status_code == 200
    status = response.json()
    assert status.keys() >= STATUS_FIELDS
    post = Post.objects.get(pk=int(status["id"]))
    assert post.author == alice and post.body == "Hello #fediverse" and post.visibility == Post.Visibility.PUBLIC
    assert status["content"].startswith("<p>Hello") and status["visibility"] == "public"
    assert status["account"]["id"] == str(alice.pk) and status["tags"][0]["name"] == "fediverse"


def test_a_json_post_with_a_content_warning_and_private_visibility(mastodon_as, alice):
    body = {"status": "Spoilers", "spoiler_text": "Film ending", "visibility": "private", "language": "en"}
    response = mastodon_as(alice).post("/api/v1/statuses", body, format="json")

    assert response.status_code == 200
    status = response.json()
    assert status["spoiler_text"] == "Film ending" and status["sensitive"] is True
    assert status["visibility"] == "private"
    post = Post.objects.get(pk=int(status["id"]))
    assert post.content_warning == "Film ending" and post.visibility == Post.Visibility.FOLLOWERS


def test_unlisted_is_public_and_sensitive_alone_folds_the_post(mastodon_as, alice):
    response = mastodon_as(alice).post(
        "/api/v1/statuses", {"status": "Hm", "visibility": "unlisted", "sensitive": "true"}
    )

    status = response.json()
    assert status["visibility"] == "public" and status["sensitive"] is True
    assert Post.objects.get(pk=int(status["id"])).content_warning == "Sensitive content"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"visibility": "direct"}, "Direct messages are not supported"),
        ({"visibility": "secret"}, "Visibility"),
        ({"scheduled_at": "2030-01-01T00:00:00Z"}, "Scheduled statuses are not supported"),
        ({"poll[options][]": ["a", "b"], "poll[expires_in]": "300"}, "Polls are not supported"),
        ({"status": ""}, "Validation failed: Write something"),
        ({"media_ids[]": ["x"]}, "media_ids"),
    ],
)
def test_what_threadly_cannot_publish_is_a_422(mastodon_as, alice, fields, message):
    response = mastodon_as(alice).post("/api/v1/statuses", {"status": "Hi", **fields})

    assert response.status_code == 422
    assert message in response.json()["error"]
    assert not Post.objects.exists()


def test_a_json_poll_is_refused(mastodon_as, alice):
    body = {"status": "Which?", "poll": {"options": ["a", "b"], "expires_in": 300}}
    response = mastodon_as(alice).post("/api/v1/statuses", body, format="json")

    assert response.status_code == 422 and response.json() == {"error": "Validation failed: Polls are not supported"}


def test_a_reply_takes_its_parents_visibility_and_names_the_parent(mastodon_as, alice, bob):
    follow_create(follower=alice, followee=bob)
    parent = post_create(author=bob, body="Followers only", visibility=Post.Visibility.FOLLOWERS)

    response = mastodon_as(alice).post("/api/v1/statuses", {"status": "@bob sure", "in_reply_to_id": str(parent.pk)})

    status = response.json()
    assert response.status_code == 200
    assert status["in_reply_to_id"] == str(parent.pk) and status["in_reply_to_account_id"] == str(bob.pk)
    assert status["visibility"] == "private"
    assert [mention["id"] for mention in status["mentions"]] == [str(bob.pk)]


def test_replying_to_a_post_one_may_not_see_is_mastodons_404(mastodon_as, alice, bob, carol):
    hidden = post_create(author=bob, body="Followers only", visibility=Post.Visibility.FOLLOWERS)
    block_create(blocker=carol, blocked=alice)
    blocked = post_create(author=carol, body="Not for alice")
    client = mastodon_as(alice)

    for parent_id in (str(hidden.pk), str(blocked.pk), "999999", "nonsense"):
        response = client.post("/api/v1/statuses", {"status": "Hi", "in_reply_to_id": parent_id})
        assert response.status_code == 404, parent_id
        assert response.json() == {"error": "The post you are trying to reply to does not appear to exist."}
    assert Post.objects.filter(author=alice).count() == 0


@pytest.mark.parametrize("name", ["quoted_status_id", "quote_id"])
def test_a_quote_by_either_parameter(mastodon_as, alice, bob, name):
    quoted = post_create(author=bob, body="Quote me")

    response = mastodon_as(alice).post("/api/v1/statuses", {"status": "This", name: str(quoted.pk)}, format="json")

    status = response.json()
    assert response.status_code == 200
    assert status["quote"]["state"] == "accepted" and status["quote"]["quoted_status"]["id"] == str(quoted.pk)
    assert Post.objects.get(pk=int(status["id"])).quoted_post == quoted


def test_the_quote_approval_policy_is_the_posts_quote_policy(mastodon_as, alice):
    client = mastodon_as(alice)

    response = client.post("/api/v1/statuses", {"status": "Mine", "quote_approval_policy": "nobody"})

    assert Post.objects.get(pk=int(response.json()["id"])).quote_policy == "nobody"
    assert client.post("/api/v1/statuses", {"status": "Mine", "quote_approval_policy": "all"}).status_code == 422


def test_quoting_a_hidden_post_is_a_404(mastodon_as, alice, bob):
    hidden = post_create(author=bob, body="Mine", visibility=Post.Visibility.FOLLOWERS)

    response = mastodon_as(alice).post("/api/v1/statuses", {"status": "This", "quoted_status_id": str(hidden.pk)})

    assert response.status_code == 404 and "quote" in response.json()["error"]


def test_posting_needs_a_person_and_the_write_scope(mastodon_as, token_for, alice, client):
    assert client.post("/api/v1/statuses", {"status": "Hi"}).status_code == 401

    reader = mastodon_as(alice, scope="read")
    refused = reader.post("/api/v1/statuses", {"status": "Hi"})
    assert refused.status_code == 403 and refused.json() == {"error": "This action is outside the authorized scopes"}

    assert mastodon_as(alice, scope="write:statuses").post("/api/v1/statuses", {"status": "Hi"}).status_code == 200


def test_posting_is_rate_limited_as_threadlys_api(mastodon_as, alice, limits):
    limits("post", "1/60")
    client = mastodon_as(alice)

    assert client.post("/api/v1/statuses", {"status": "One"}).status_code == 200
    second = client.post("/api/v1/statuses", {"status": "Two"})

    assert second.status_code == 429 and "error" in second.json()
    assert Post.objects.count() == 1


@pytest.mark.parametrize("form", [True, False])
def test_a_retry_with_the_same_idempotency_key_returns_the_same_status(mastodon_as, alice, form):
    client = mastodon_as(alice)
    send = {"data": {"status": "Once"}} if form else {"data": {"status": "Once"}, "format": "json"}

    first = client.post("/api/v1/statuses", **send, HTTP_IDEMPOTENCY_KEY="abc-123")
    again = client.post("/api/v1/statuses", **send, HTTP_IDEMPOTENCY_KEY="abc-123")

    assert first.status_code == again.status_code == 200
    assert again.json()["id"] == first.json()["id"] and again["Idempotent-Replayed"] == "true"
    assert Post.objects.count() == 1
    other = client.post("/api/v1/statuses", {"status": "Twice"}, HTTP_IDEMPOTENCY_KEY="abc-123")
    assert other.status_code == 422 and "error" in other.json()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_requests_with_one_key_at_once_publish_once(token_for, alice):
    from rest_framework.test import APIClient

    token = token_for(alice).token

    def send():
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
        return client.post("/api/v1/statuses", {"status": "Racing"}, format="json", HTTP_IDEMPOTENCY_KEY="race-1")

    results = race(send, send)

    assert [result.status_code for result in results] == [200, 200], results
    assert results[0].json()["id"] == results[1].json()["id"]
    assert Post.objects.filter(author=alice).count() == 1
