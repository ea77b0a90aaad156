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


@pytest.mark.parametrize("name", ["posts:like", "posts:unlike"])
def test_get_is_not_allowed_on_actions(bob_client, post, name):
    response = bob_client.get(reverse(name, args=[post.pk]))

    assert response.status_code == 405
    assert not Like.objects.exists()
    assert not Post.objects.filter(in_reply_to=post).exists()


@pytest.mark.parametrize("name", ["posts:like", "posts:unlike", "posts:reply"])
def test_anonymous_visitors_are_sent_to_log_in(client, post, name):
    response = client.post(reverse(name, args=[post.pk]), {"body": "hi"})

    assert_login_redirect(response)
    assert not Like.objects.exists()
    assert not Post.objects.exclude(pk=post.pk).exists()


def test_reply_with_a_plain_form_goes_back_to_the_thread(bob_client, bob, post):
    response = bob_client.post(reverse("posts:reply", args=[post.pk]), {"body": "  Great post  ", "next": "/posts/1/"})

    reply = Post.objects.get(in_reply_to=post)
    assert response.status_code == 302
    assert response["Location"] == f"/posts/1/#reply-{reply.pk}"  # Where the thread shows it.
    assert (reply.author, reply.body, reply.conversation_id) == (bob, "Great post", post.pk)
    post.refresh_from_db()
    assert post.reply_count == 1


def test_reply_with_htmx_answers_a_fresh_form_and_the_new_reply(bob_client, post):
    data = {"body": "Great #post", "keep_open": "1"}
    response = bob_client.post(reverse("posts:reply", args=[post.pk]), data, headers=HTMX)

    assert_is_fragment(response)
    content = response.content.decode()
    reply = Post.objects.get(in_reply_to=post)
    assert content.lstrip().startswith(f'<li class="reply-slot" id="reply-slot-{post.pk}">')
    assert f'action="{reverse("posts:reply", args=[post.pk])}"' in content
    assert f'<li class="thread-reply depth-1" id="reply-{reply.pk}">' in content
    assert 'Great <a href="/tags/post/" class="hashtag">#post</a>' in content
    assert reply_count_on(response, post, out_of_band=True) == 1


def test_reply_to_a_reply_with_htmx_closes_its_form(bob_client, alice, post):
    answer = services.post_create(author=alice, body="thanks", in_reply_to=post)

    form = bob_client.get(reverse("posts:reply", args=[answer.pk]), headers=HTMX)
    assert_is_fragment(form)
    assert f'hx-post="{reverse("posts:reply", args=[answer.pk])}"' in form.content.decode()

    response = bob_client.post(reverse("posts:reply", args=[answer.pk]), {"body": "welcome"}, headers=HTMX)

    content = response.content.decode()
    assert f'<li class="reply-slot" id="reply-slot-{answer.pk}">\n  \n</li>' in content
    assert Post.objects.get(in_reply_to=answer).conversation_id == post.pk


def test_without_javascript_a_reply_has_a_page_of_its_own(bob_client, alice, post):
    answer = services.post_create(author=alice, body="thanks", in_reply_to=post)

    response = bob_client.get(reverse("posts:reply", args=[answer.pk]), {"next": post.get_absolute_url()})

    content = response.content.decode()
    assert response.status_code == 200
    assert "Reply to @alice" in content
    assert f'<input type="hidden" name="next" value="{post.get_absolute_url()}">' in content


def test_an_empty_reply_shows_the_error_and_stores_nothing(bob_client, post):
    response = bob_client.post(reverse("posts:reply", args=[post.pk]), {"body": "   "})

    assert response.status_code == 400
    assert "a post cannot be empty" in response.content.decode()
    assert not Post.objects.filter(in_reply_to=post).exists()
    post.refresh_from_db()
    assert post.reply_count == 0


def test_a_too_long_reply_shows_the_error_and_stores_nothing(bob_client, post, settings):
    settings.POST_MAX_LENGTH = 5

    response = bob_client.post(reverse("posts:reply", args=[post.pk]), {"body": "far too long"})

    assert response.status_code == 400
    assert "A post is at most 5 characters" in response.content.decode()
    assert not Post.objects.filter(in_reply_to=post).exists()


def test_a_bad_visibility_is_a_form_error(bob_client, post):
    response = bob_client.post(reverse("posts:reply", args=[post.pk]), {"body": "hi", "visibility": "everyone!"})

    assert response.status_code == 400
    assert not Post.objects.filter(in_reply_to=post).exists()


def test_replies_count_against_the_posting_limit(bob_client, post, limits):
    limits("post", "1/60")

    first = bob_client.post(reverse("posts:reply", args=[post.pk]), {"body": "one"})
    second = bob_client.post(reverse("posts:reply", args=[post.pk]), {"body": "two"})

    assert (first.status_code, second.status_code) == (302, 429)
    assert Post.objects.filter(in_reply_to=post).count() == 1
