"""Writing and editing posts through the pages, with their validation errors."""

import pytest
from django.urls import reverse

from posts.models import Post
from posts.tests.helpers import assert_login_redirect


@pytest.fixture
def alice_client(client, alice):
    client.force_login(alice)
    return client


def test_the_compose_page_shows_the_form(alice_client):
    response = alice_client.get(reverse("posts:create"))

    assert response.status_code == 200
    assert 'name="body"' in response.content.decode()


def test_composing_needs_a_login(client, db):
    response = client.post(reverse("posts:create"), {"body": "hello", "visibility": "public"})

    assert_login_redirect(response)
    assert not Post.objects.exists()


def test_composing_stores_the_post_and_redirects_to_it(alice_client, alice):
    response = alice_client.post(reverse("posts:create"), {"body": "  Hi #Threadly  ", "visibility": "followers"})

    post = Post.objects.get()
    assert response.status_code == 302
    assert response["Location"] == post.get_absolute_url()
    assert (post.author, post.body, post.visibility) == (alice, "Hi #Threadly", Post.Visibility.FOLLOWERS)
    assert list(post.hashtags.values_list("name", flat=True)) == ["threadly"]
    alice.refresh_from_db()
    assert alice.post_count == 1


def test_composing_from_the_home_page_goes_back_there(alice_client):
    response = alice_client.post(reverse("posts:create"), {"body": "hi", "visibility": "public", "next": "/"})

    assert response["Location"] == "/"


@pytest.mark.parametrize("body", ["", "   \n  "])
def test_an_empty_post_shows_the_error_and_stores_nothing(alice_client, alice, body):
    response = alice_client.post(reverse("posts:create"), {"body": body, "visibility": "public"})

    assert response.status_code == 400
    assert "a post cannot be empty" in response.content.decode()
    assert not Post.objects.exists()
    alice.refresh_from_db()
    assert alice.post_count == 0


def test_a_too_long_post_shows_the_error_and_keeps_the_text(alice_client, settings):
    settings.POST_MAX_LENGTH = 10

    response = alice_client.post(reverse("posts:create"), {"body": "eleven char", "visibility": "public"})

    content = response.content.decode()
    assert response.status_code == 400
    assert "A post is at most 10 characters (this one has 11)." in content
    assert "eleven char</textarea>" in content
    assert not Post.objects.exists()


def test_an_unknown_visibility_is_refused(alice_client):
    response = alice_client.post(reverse("posts:create"), {"body": "hello", "visibility": "secret"})

    assert response.status_code == 400
    assert not Post.objects.exists()


def test_the_edit_page_is_filled_with_the_post(alice_client, post):
    response = alice_client.get(reverse("posts:edit", args=[post.pk]))

    assert response.status_code == 200
    assert "Hello #threadly</textarea>" in response.content.decode()


def test_an_invalid_edit_shows_the_error_and_keeps_the_post(alice_client, post, settings):
    settings.POST_MAX_LENGTH = 10

    response = alice_client.post(
        reverse("posts:edit", args=[post.pk]), {"body": "far too long now", "visibility": "public"}
    )

    assert response.status_code == 400
    assert "A post is at most 10 characters" in response.content.decode()
    post.refresh_from_db()
    assert post.body == "Hello #threadly"
    assert post.edited_at is None
