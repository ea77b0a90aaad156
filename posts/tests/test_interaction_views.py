"""Liking and replying through the pages: plain forms redirect, htmx gets the fragment back."""

import pytest
from django.urls import reverse

from posts import services
from posts.models import Like, Post
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


def replies_to(post: Post) -> list[Post]:
    return list(Post.objects.filter(in_reply_to=post).order_by("pk"))


@pytest.mark.parametrize("name", ["posts:like", "posts:unlike", "posts:reply_create"])
def test_get_is_not_allowed_on_actions(bob_client, post, name):
    response = bob_client.get(reverse(name, args=[post.pk]))

    assert response.status_code == 405
    assert not Like.objects.exists()
    assert replies_to(post) == []


@pytest.mark.parametrize("name", ["posts:like", "posts:unlike", "posts:reply_create"])
def test_anonymous_visitors_are_sent_to_log_in(client, post, name):
    response = client.post(reverse(name, args=[post.pk]), {"body": "hi"})

    assert_login_redirect(response)
    assert not Like.objects.exists()
    assert replies_to(post) == []


def test_reply_with_a_plain_form_redirects_to_the_replies(bob_client, bob, post):
    response = bob_client.post(reverse("posts:reply_create", args=[post.pk]), {"body": "  Great post  "})

    assert response.status_code == 302
    assert response["Location"] == f"{post.get_absolute_url()}#replies"
    [reply] = replies_to(post)
    assert (reply.author, reply.body, reply.conversation_id, reply.visibility) == (bob, "Great post", post.pk, "public")
    post.refresh_from_db()
    assert post.reply_count == 1


def test_reply_with_htmx_answers_the_reply_section(bob_client, post):
    response = bob_client.post(reverse("posts:reply_create", args=[post.pk]), {"body": "Great #post"}, headers=HTMX)

    assert_is_fragment(response)
    content = response.content.decode()
    assert content.lstrip().startswith('<div id="reply-section">')
    assert reply_count_on(response, post, out_of_band=True) == 1
    [reply] = replies_to(post)
    assert f'<li class="reply" id="reply-{reply.pk}">' in content
    assert 'Great <a href="/tags/post/" class="hashtag">#post</a>' in content


def test_a_reply_to_a_reply_is_counted_on_its_own_parent(bob_client, alice, post):
    parent = services.post_create(author=alice, body="First reply", in_reply_to=post)

    response = bob_client.post(reverse("posts:reply_create", args=[parent.pk]), {"body": "Deeper"})

    assert response["Location"] == f"{parent.get_absolute_url()}#replies"
    [reply] = replies_to(parent)
    assert (reply.in_reply_to, reply.conversation_id) == (parent, post.pk)
    post.refresh_from_db()
    parent.refresh_from_db()
    assert (post.reply_count, parent.reply_count) == (1, 1)


def test_an_empty_reply_shows_the_error_and_stores_nothing(bob_client, post):
    response = bob_client.post(reverse("posts:reply_create", args=[post.pk]), {"body": "   "})

    assert response.status_code == 400
    assert "a post cannot be empty" in response.content.decode()
    assert replies_to(post) == []
    post.refresh_from_db()
    assert post.reply_count == 0


def test_a_too_long_reply_shows_the_error_and_stores_nothing(bob_client, post, settings):
    settings.POST_MAX_LENGTH = 5

    response = bob_client.post(reverse("posts:reply_create", args=[post.pk]), {"body": "far too long"})

    assert response.status_code == 400
    assert "A post is at most 5 characters" in response.content.decode()
    assert replies_to(post) == []


def test_replying_draws_on_the_post_rate_limit(bob_client, bob, post, clock, limits):
    limits("post", "1/60")
    bob_client.post(reverse("posts:create"), {"body": "A post", "visibility": "public"})

    response = bob_client.post(reverse("posts:reply_create", args=[post.pk]), {"body": "One too many"})

    assert response.status_code == 429
    assert replies_to(post) == []
