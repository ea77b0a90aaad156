"""`Idempotency-Key` on creates: a retry gets the first answer, never a second post or account."""

import io
import threading
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient
from rest_framework_simplejwt.tokens import RefreshToken

from accounts.models import User
from posts.factories import PostFactory
from posts.models import Like, Post
from threadly.models import IdempotencyKey

POSTS_URL = reverse("api:post-list")
REGISTER_URL = reverse("api:register")
KEY = "7f3c9a2e-create-post-1"


def publish(client, body: str = "hello", *, key: str | None = KEY, **extra):
    if key is not None:
        extra["HTTP_IDEMPOTENCY_KEY"] = key
    return client.post(POSTS_URL, {"body": body}, format="json", **extra)


def registration(username: str) -> dict:
    return {"username": username, "email": f"{username}@example.com", "password": "plum-kettle-orbit-93"}


@pytest.mark.django_db
def test_a_retry_replays_the_first_answer_and_creates_one_post(api_as, alice):
    client = api_as(alice)
    first = publish(client)

    retry = publish(client)

    assert first.status_code == 201
    assert "Idempotent-Replayed" not in first
    assert retry.status_code == 201
    assert retry["Idempotent-Replayed"] == "true"
    assert retry.json() == first.json()
    assert retry["Location"] == first["Location"]
    assert retry["Content-Type"] == "application/json"
    assert Post.objects.count() == 1
    assert first.json()["id"] == Post.objects.get().pk


@pytest.mark.django_db
def test_without_a_key_every_request_creates(api_as, alice):
    client = api_as(alice)

    publish(client, key=None)
    publish(client, key=None)

    assert Post.objects.count() == 2
    assert not IdempotencyKey.objects.exists()


@pytest.mark.django_db
def test_a_different_key_is_a_different_request(api_as, alice):
    client = api_as(alice)

    first = publish(client, key="key-one")
    second = publish(client, key="key-two")

    assert second.status_code == 201
    assert "Idempotent-Replayed" not in second
    assert first.json()["id"] != second.json()["id"]
    assert Post.objects.count() == 2


@pytest.mark.django_db
def test_the_same_key_with_a_different_body_is_a_422(api_as, alice):
    client = api_as(alice)
    publish(client, "first")

    response = publish(client, "something else")

    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "idempotency_key_reused"
    assert "Idempotency-Key" in error["message"]
    assert list(Post.objects.values_list("body", flat=True)) == ["first"]


@pytest.mark.django_db
def test_a_retry_spelling_the_same_json_differently_is_still_a_replay(api_as, alice):
    client = api_as(alice)
    first = client.post(
        POSTS_URL, '{"body": "hi", "visibility": "public"}', content_type="application/json", HTTP_IDEMPOTENCY_KEY=KEY
    )

    retry = client.post(
        POSTS_URL, '{"visibility":"public","body":"hi"}', content_type="application/json", HTTP_IDEMPOTENCY_KEY=KEY
    )

    assert first.status_code == 201
    assert retry["Idempotent-Replayed"] == "true"
    assert retry.json()["id"] == first.json()["id"]
    assert Post.objects.count() == 1


@pytest.mark.django_db
def test_the_same_key_on_another_endpoint_is_a_422(api_as, alice):
    client = api_as(alice)
    post = PostFactory()
    publish(client)

    response = client.post(reverse("api:post-like", kwargs={"post_id": post.pk}), HTTP_IDEMPOTENCY_KEY=KEY)

    assert response.status_code == 422
    assert response.json()["error"]["code"] == "idempotency_key_reused"
    assert not Like.objects.exists()


@pytest.mark.django_db
def test_keys_are_scoped_per_user(api_as, alice, bob):
    alices = publish(api_as(alice))

    bobs = publish(api_as(bob))

    assert bobs.status_code == 201
    assert "Idempotent-Replayed" not in bobs
    assert bobs.json()["author"]["username"] == "bob"
    assert alices.json()["id"] != bobs.json()["id"]
    assert Post.objects.filter(author=alice).count() == Post.objects.filter(author=bob).count() == 1


@pytest.mark.django_db
def test_anonymous_registration_replays_for_the_same_address(api_client):
    first = api_client.post(REGISTER_URL, registration("ana"), format="json", HTTP_IDEMPOTENCY_KEY=KEY)

    retry = api_client.post(REGISTER_URL, registration("ana"), format="json", HTTP_IDEMPOTENCY_KEY=KEY)

    assert first.status_code == 201
    assert retry.status_code == 201
    assert retry["Idempotent-Replayed"] == "true"
    assert retry.json() == first.json()
    assert retry["Location"] == first["Location"]
    assert User.objects.filter(username="ana").count() == 1


@pytest.mark.django_db
def test_anonymous_keys_are_scoped_per_ip_address(api_client):
    api_client.post(REGISTER_URL, registration("ana"), format="json", HTTP_IDEMPOTENCY_KEY=KEY, REMOTE_ADDR="10.0.0.1")

    other = api_client.post(
        REGISTER_URL, registration("ben"), format="json", HTTP_IDEMPOTENCY_KEY=KEY, REMOTE_ADDR="10.0.0.2"
    )

    assert other.status_code == 201
    assert "Idempotent-Replayed" not in other
    assert set(User.objects.values_list("username", flat=True)) == {"ana", "ben"}
    assert set(IdempotencyKey.objects.values_list("client", flat=True)) == {"ip:10.0.0.1", "ip:10.0.0.2"}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "key",
    [
        pytest.param("k" * 256, id="over-255-characters"),
        pytest.param("clé-de-requête", id="non-ascii"),
        pytest.param("tab\there", id="control-character"),
        pytest.param("", id="empty"),
    ],
)
def test_an_invalid_key_is_a_400_naming_the_header(api_as, alice, key):
    response = publish(api_as(alice), key=key)

    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "validation_error"
    assert list(error["fields"]) == ["Idempotency-Key"]
    assert not Post.objects.exists()
    assert not IdempotencyKey.objects.exists()


@pytest.mark.django_db
def test_a_key_of_exactly_255_printable_characters_is_accepted(api_as, alice):
    key = "~ " + "k" * 253
    client = api_as(alice)

    first = publish(client, key=key)
    retry = publish(client, key=key)

    assert first.status_code == 201
    assert retry["Idempotent-Replayed"] == "true"
    assert Post.objects.count() == 1


@pytest.mark.django_db
def test_a_key_is_forgotten_after_its_ttl(api_as, alice, settings):
    client = api_as(alice)
    first = publish(client)
    IdempotencyKey.objects.update(created_at=timezone.now() - settings.IDEMPOTENCY_KEY_TTL - timedelta(seconds=1))

    again = publish(client)

    assert again.status_code == 201
    assert "Idempotent-Replayed" not in again
    assert again.json()["id"] != first.json()["id"]
    assert Post.objects.count() == 2
    assert IdempotencyKey.objects.count() == 1


@pytest.mark.django_db
def test_a_key_is_still_replayed_just_inside_its_ttl(api_as, alice, settings):
    client = api_as(alice)
    publish(client)
    IdempotencyKey.objects.update(created_at=timezone.now() - settings.IDEMPOTENCY_KEY_TTL + timedelta(minutes=1))

    retry = publish(client)

    assert retry["Idempotent-Replayed"] == "true"
    assert Post.objects.count() == 1


@pytest.mark.django_db
def test_an_error_is_not_stored_so_the_key_can_be_retried(api_as, alice):
    client = api_as(alice)
    failed = publish(client, "")
    assert failed.status_code == 400
    assert not IdempotencyKey.objects.exists()

    fixed = publish(client, "now with words")

    assert fixed.status_code == 201
    assert "Idempotent-Replayed" not in fixed
    assert list(Post.objects.values_list("body", flat=True)) == ["now with words"]


@pytest.mark.django_db
def test_a_returned_error_response_is_not_stored(api_as, alice, monkeypatch):
    """A view that answers a 4xx without raising leaves no record and no half-done work."""
    from posts.api import views

    def refuse(request, body, *, location):
        return views.Response({"error": {"code": "nope", "message": "no", "fields": {}}}, status=409)

    monkeypatch.setattr(views, "created", refuse)
    client = api_as(alice)

    refused = publish(client)

    assert refused.status_code == 409
    assert not IdempotencyKey.objects.exists()
    assert not Post.objects.exists()


@pytest.mark.django_db
def test_a_reply_retry_creates_one_reply(api_as, alice):
    post = PostFactory()
    client = api_as(alice)
    reply = {"body": "nice", "in_reply_to": post.pk}

    first = client.post(POSTS_URL, reply, format="json", HTTP_IDEMPOTENCY_KEY=KEY)
    retry = client.post(POSTS_URL, reply, format="json", HTTP_IDEMPOTENCY_KEY=KEY)

    assert retry.status_code == 201
    assert retry["Idempotent-Replayed"] == "true"
    assert retry.json() == first.json()
    assert list(Post.objects.filter(in_reply_to=post).values_list("pk", flat=True)) == [first.json()["id"]]
    post.refresh_from_db()
    assert post.reply_count == 1


def _publish_in_thread(token: str, barrier: threading.Barrier, results: list, index: int) -> None:
    try:
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
        barrier.wait(timeout=30)
        response = client.post(POSTS_URL, {"body": "once only"}, format="json", HTTP_IDEMPOTENCY_KEY=KEY)
        results[index] = (response.status_code, response.json(), response.get("Idempotent-Replayed"))
    except Exception as error:  # reported by the assertions of the test
        results[index] = ("raised", repr(error), None)
    finally:
        connection.close()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_retries_with_one_key_create_one_post():
    alice = User.objects.create_user(username="alice", email="alice@example.com", password="x")
    token = str(RefreshToken.for_user(alice).access_token)
    count = 8
    barrier = threading.Barrier(count)
    results: list = [None] * count
    threads = [
        threading.Thread(target=_publish_in_thread, args=(token, barrier, results, index)) for index in range(count)
    ]

    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert [status for status, _, _ in results] == [201] * count, results
    assert {body["id"] for _, body, _ in results} == {Post.objects.get().pk}
    assert sorted(replayed or "" for _, _, replayed in results) == [""] + ["true"] * (count - 1)
    assert IdempotencyKey.objects.count() == 1


def test_prune_idempotency_keys_deletes_only_expired_answers(api_as, alice, settings):
    client = api_as(alice)
    publish(client, "Old", key="old-key")
    publish(client, "New", key="new-key")
    IdempotencyKey.objects.filter(key="old-key").update(
        created_at=timezone.now() - settings.IDEMPOTENCY_KEY_TTL - timedelta(minutes=1)
    )
    out = io.StringIO()

    call_command("prune_idempotency_keys", stdout=out)

    assert list(IdempotencyKey.objects.values_list("key", flat=True)) == ["new-key"]
    assert "Deleted 1 expired" in out.getvalue()
