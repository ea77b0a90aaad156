"""The post page: the post, its replies oldest first, and "More replies" one page at a time."""

import re

import pytest

from posts import services
from posts.models import MovedComment
from posts.tests.helpers import HTMX, assert_is_fragment, post_ids_on, reply_count_on


def replies_on(response) -> list[int]:
    """The ids of the replies listed under the post, in page order."""
    return [int(pk) for pk in re.findall(r'<li class="reply" id="reply-(\d+)"', response.content.decode())]


def test_post_detail_shows_the_post_and_its_replies_oldest_first(client, bob, post):
    first = services.post_create(author=bob, body="first reply", in_reply_to=post)
    second = services.post_create(author=bob, body="second reply", in_reply_to=post)

    response = client.get(post.get_absolute_url())

    content = response.content.decode()
    assert response.status_code == 200
    assert 'Hello <a href="/tags/threadly/" class="hashtag">#threadly</a>' in content
    assert reply_count_on(response, post) == 2
    assert replies_on(response) == [first.pk, second.pk]


def test_a_post_without_replies_says_so(client, post):
    assert "No replies yet." in client.get(post.get_absolute_url()).content.decode()


def test_replies_page_with_a_cursor(client, bob, post, settings):
    settings.PAGE_SIZE = 2
    replies = [services.post_create(author=bob, body=f"reply {n}", in_reply_to=post) for n in range(3)]

    first_page = client.get(post.get_absolute_url())
    assert replies_on(first_page) == [replies[0].pk, replies[1].pk]
    assert f'href="?after={replies[1].pk}#replies"' in first_page.content.decode()

    second_page = client.get(post.get_absolute_url(), {"after": replies[1].pk}, headers=HTMX)
    assert_is_fragment(second_page)
    assert replies_on(second_page) == [replies[2].pk]
    assert "More replies" not in second_page.content.decode()


def test_only_the_author_and_moderators_see_a_delete_link_on_a_reply(client, alice, bob, moderator, post):
    reply = services.post_create(author=bob, body="hi", in_reply_to=post)
    delete_link = f'href="/posts/{reply.pk}/delete/"'

    for user, sees_it in [(bob, True), (moderator, True), (alice, False)]:
        client.force_login(user)
        assert (delete_link in client.get(post.get_absolute_url()).content.decode()) is sees_it


def test_each_reply_is_a_post_card_with_its_own_counts_and_link(client, alice, bob, carol, post):
    reply = services.post_create(author=bob, body="a reply", in_reply_to=post)
    services.post_create(author=carol, body="deeper", in_reply_to=reply)
    services.like_create(user=alice, post=reply)

    response = client.get(post.get_absolute_url())

    assert replies_on(response) == [reply.pk]  # Direct replies only.
    assert post_ids_on(response) == [post.pk, reply.pk]
    assert reply_count_on(response, reply) == 1
    assert f'href="{reply.get_absolute_url()}"' in response.content.decode()
    assert replies_on(client.get(reply.get_absolute_url())) == [reply.replies.get().pk]


def test_a_moved_comment_s_link_leads_to_the_reply_it_became(client, bob, post):
    reply = services.post_create(author=bob, body="Once a comment", in_reply_to=post)
    MovedComment.objects.create(comment_id=41, post=reply)

    response = client.get("/comments/41/")

    assert response.status_code == 301
    assert response["Location"] == reply.get_absolute_url()
    assert "Once a comment" in client.get(response["Location"]).content.decode()


def test_a_moved_comment_redirects_without_showing_a_reply_hidden_from_the_visitor(client, follower, followers_post):
    reply = services.post_create(author=follower, body="Secret", in_reply_to=followers_post)
    MovedComment.objects.create(comment_id=42, post=reply)

    response = client.get("/comments/42/", follow=True)

    assert response.redirect_chain == [(reply.get_absolute_url(), 301)]
    assert response.status_code == 404
    assert "Secret" not in response.content.decode()


@pytest.mark.parametrize("cursor", ["soon", "-1", "1.5", "²", "1" * 20])
def test_a_malformed_replies_cursor_is_a_400(client, post, cursor):
    assert client.get(post.get_absolute_url(), {"after": cursor}).status_code == 400
