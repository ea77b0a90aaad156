"""Idempotency-Key on publishing: a retry replays the first answer instead of posting twice."""

from datetime import timedelta

import pytest
from django.utils import timezone

from posts.models import Post
from posts.tests.helpers import POSTS, error_of
from threadly.models import IdempotencyKey

# Idempotency-Key ------------------------------------------------------------------------------------------------------


def create(client, body: str, key: str, **data):
    return client.post(POSTS, {"body": body, **data}, format="json", HTTP_IDEMPOTENCY_KEY=key)


def test_a_retry_with_the_same_key_replays_the_first_answer_and_creates_once(api_as, alice):
    client = api_as(alice)

    first = create(client, "Once only", "key-1")
    retry = create(client, "Once only", "key-1")

    assert (first.status_code, retry.status_code) == (201, 201)
    assert retry.json() == first.json()
    assert retry["Location"] == first["Location"]
    assert retry["Idempotent-Replayed"] == "true"
    assert not first.has_header("Idempotent-Replayed")
    assert Post.objects.count() == 1
    alice.refresh_from_db()
    assert alice.post_count == 1


def test_the_same_key_with_a_different_body_is_422(api_as, alice):
    client = api_as(alice)
    create(client, "First", "key-1")

    response = create(client, "Second", "key-1")

    assert response.status_code == 422
    assert error_of(response)["code"] == "idempotency_key_reused"
    assert list(Post.objects.values_list("body", flat=True)) == ["First"]


def test_a_retry_that_spells_the_same_json_differently_still_replays(api_as, alice):
    client = api_as(alice)
    first = client.post(
        POSTS, '{"body": "Same", "visibility": "public"}', content_type="application/json", HTTP_IDEMPOTENCY_KEY="key-1"
    )

    retry = client.post(
        POSTS, '{"visibility":"public","body":"Same"}', content_type="application/json", HTTP_IDEMPOTENCY_KEY="key-1"
    )

    assert (first.status_code, retry.status_code) == (201, 201)
    assert retry["Idempotent-Replayed"] == "true"
    assert Post.objects.count() == 1


def test_keys_belong_to_one_user(api_as, alice, bob):
    create(api_as(alice), "Same words", "shared-key")

    response = create(api_as(bob), "Same words", "shared-key")

    assert response.status_code == 201
    assert not response.has_header("Idempotent-Replayed")
    assert response.json()["author"]["username"] == "bob"
    assert sorted(Post.objects.values_list("author__username", flat=True)) == ["alice", "bob"]


def test_a_key_can_create_again_once_it_has_expired(api_as, alice, settings):
    client = api_as(alice)
    first = create(client, "Daily", "key-1")
    IdempotencyKey.objects.update(created_at=timezone.now() - settings.IDEMPOTENCY_KEY_TTL - timedelta(seconds=1))

    again = create(client, "Daily", "key-1")

    assert again.status_code == 201
    assert not again.has_header("Idempotent-Replayed")
    assert again.json()["id"] != first.json()["id"]
    assert Post.objects.count() == 2


def test_a_key_just_inside_its_lifetime_still_replays(api_as, alice, settings):
    client = api_as(alice)
    create(client, "Daily", "key-1")
    IdempotencyKey.objects.update(created_at=timezone.now() - settings.IDEMPOTENCY_KEY_TTL + timedelta(minutes=1))

    again = create(client, "Daily", "key-1")

    assert again["Idempotent-Replayed"] == "true"
    assert Post.objects.count() == 1


def test_a_refused_create_does_not_use_up_its_key(api_as, alice):
    client = api_as(alice)

    refused = create(client, "   ", "key-1")
    corrected = create(client, "Now with words", "key-1")

    assert refused.status_code == 400
    assert corrected.status_code == 201
    assert not corrected.has_header("Idempotent-Replayed")
    assert list(Post.objects.values_list("body", flat=True)) == ["Now with words"]
    assert IdempotencyKey.objects.count() == 1


@pytest.mark.parametrize("key", ["", "k" * 256, "clé"])
def test_an_unusable_key_is_400_and_creates_nothing(api_as, alice, key):
    response = create(api_as(alice), "hi", key)

    assert response.status_code == 400
    assert "Idempotency-Key" in error_of(response)["fields"]
    assert not Post.objects.exists()
