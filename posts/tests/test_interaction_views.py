"""Liking and replying through the pages: plain forms redirect, htmx gets the fragment back."""

import pytest
from django.urls import reverse

from posts import services
from posts.models import Comment, Like
from posts.tests.helpers import HTMX, assert_is_fragment, assert_login_redirect, reply_count_on


@pytest.fixture
def bob_client(client, bob):
    client.force_login(bob)
    return client


def test_like_with_a_plain_form_redirects_back_to_the_post(bob_client, bob, post):
    response = bob_client.post(reverse("posts:like", args=[post.pk]))

    assert response.status_code == 302
    assert response["Location"] == post.get_absolute_url()
    assert Like.objects.filter(user=bob, post=post).exists()
    post.refresh_from_db()
    assert post.like_count == 1


def test_like_follows_a_safe_next_url_only(bob_client, post):
    response = bob_client.post(reverse("posts:like", args=[post.pk]), {"next": "/explore/"})
    assert response["Location"] == "/explore/"

    response = bob_client.post(reverse("posts:unlike", args=[post.pk]), {"next": "https://evil.example/"})
    assert response["Location"] == post.get_absolute_url()


def test_like_with_htmx_answers_the_like_button_with_the_new_count(bob_client, alice, post):
    services.like_create(user=alice, post=post)

    response = bob_client.post(reverse("posts:like", args=[post.pk]), headers=HTMX)

    assert_is_fragment(response)
    content = response.content.decode()
    assert 'class="like-form"' in content
    assert "♥</span> 2<" in content
    assert 'aria-pressed="true"' in content
    assert f'action="{reverse("posts:unlike", args=[post.pk])}"' in content
    post.refresh_from_db()
    assert post.like_count == 2


def test_liking_twice_through_the_page_counts_once(bob_client, post):
    bob_client.post(reverse("posts:like", args=[post.pk]))
    response = bob_client.post(reverse("posts:like", args=[post.pk]), headers=HTMX)

    assert "♥</span> 1<" in response.content.decode()
    assert Like.objects.count() == 1
    post.refresh_from_db()
    assert post.like_count == 1


def test_unlike_with_a_plain_form(bob_client, bob, post):
    services.like_create(user=bob, post=post)

    response = bob_client.post(reverse("posts:unlike", args=[post.pk]))

    assert response.status_code == 302
    assert not Like.objects.exists()
    post.refresh_from_db()
    assert post.like_count == 0


def test_unlike_with_htmx_answers_the_like_button(bob_client, bob, post):
    services.like_create(user=bob, post=post)

    response = bob_client.post(reverse("posts:unlike", args=[post.pk]), headers=HTMX)

    assert_is_fragment(response)
    content = response.content.decode()
    assert "♥</span> 0<" in content
    assert 'aria-pressed="false"' in content
    assert f'action="{reverse("posts:like", args=[post.pk])}"' in content
    assert not Like.objects.exists()


@pytest.mark.parametrize("name", ["posts:like", "posts:unlike", "posts:comment_create"])
def test_get_is_not_allowed_on_actions(bob_client, post, name):
    response = bob_client.get(reverse(name, args=[post.pk]))

    assert response.status_code == 405
    assert not Like.objects.exists()


@pytest.mark.parametrize("name", ["posts:like", "posts:unlike", "posts:comment_create"])
def test_anonymous_visitors_are_sent_to_log_in(client, post, name):
    response = client.post(reverse(name, args=[post.pk]), {"body": "hi"})

    assert_login_redirect(response)
    assert not Like.objects.exists()
    assert not Comment.objects.exists()


def test_comment_with_a_plain_form_redirects_to_the_replies(bob_client, bob, post):
    response = bob_client.post(reverse("posts:comment_create", args=[post.pk]), {"body": "  Great post  "})

    assert response.status_code == 302
    assert response["Location"] == f"{post.get_absolute_url()}#comments"
    comment = Comment.objects.get()
    assert (comment.author, comment.post, comment.body) == (bob, post, "Great post")
    post.refresh_from_db()
    assert post.reply_count == 1


def test_comment_with_htmx_answers_the_comment_section(bob_client, post):
    response = bob_client.post(reverse("posts:comment_create", args=[post.pk]), {"body": "Great #post"}, headers=HTMX)

    assert_is_fragment(response)
    content = response.content.decode()
    assert content.lstrip().startswith('<div id="comment-section">')
    assert reply_count_on(response, post, out_of_band=True) == 1
    assert 'Great <a href="/tags/post/" class="hashtag">#post</a>' in content
    assert Comment.objects.count() == 1


def test_an_empty_comment_shows_the_error_and_stores_nothing(bob_client, post):
    response = bob_client.post(reverse("posts:comment_create", args=[post.pk]), {"body": "   "})

    assert response.status_code == 400
    assert "a comment cannot be empty" in response.content.decode()
    assert not Comment.objects.exists()
    post.refresh_from_db()
    assert post.reply_count == 0


def test_a_too_long_comment_shows_the_error_and_stores_nothing(bob_client, post, settings):
    settings.COMMENT_MAX_LENGTH = 5

    response = bob_client.post(reverse("posts:comment_create", args=[post.pk]), {"body": "far too long"})

    assert response.status_code == 400
    assert "A comment is at most 5 characters" in response.content.decode()
    assert not Comment.objects.exists()
