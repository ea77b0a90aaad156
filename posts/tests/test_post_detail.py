"""The post page: the post, its replies oldest first, and "More replies" one page at a time."""

import re

import pytest

from posts import services
from posts.tests.helpers import HTMX, assert_is_fragment, reply_count_on


def replies_on(response) -> list[int]:
    return [int(pk) for pk in re.findall(r'<li class="comment" id="comment-(\d+)"', response.content.decode())]


def test_post_detail_shows_the_post_and_its_replies_oldest_first(client, bob, post):
    first = services.comment_create(post=post, author=bob, body="first reply")
    second = services.comment_create(post=post, author=bob, body="second reply")

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
    replies = [services.comment_create(post=post, author=bob, body=f"reply {n}") for n in range(3)]

    first_page = client.get(post.get_absolute_url())
    assert replies_on(first_page) == [replies[0].pk, replies[1].pk]
    assert f'href="?after={replies[1].pk}#comments"' in first_page.content.decode()

    second_page = client.get(post.get_absolute_url(), {"after": replies[1].pk}, headers=HTMX)
    assert_is_fragment(second_page)
    assert replies_on(second_page) == [replies[2].pk]
    assert "More replies" not in second_page.content.decode()


def test_only_the_author_and_moderators_see_a_delete_button_on_a_reply(client, alice, bob, moderator, post):
    comment = services.comment_create(post=post, author=bob, body="hi")
    delete_form = f'action="/comments/{comment.pk}/delete/"'

    for user, sees_it in [(bob, True), (moderator, True), (alice, False)]:
        client.force_login(user)
        assert (delete_form in client.get(post.get_absolute_url()).content.decode()) is sees_it


@pytest.mark.parametrize("cursor", ["soon", "-1", "1.5", "²", "1" * 20])
def test_a_malformed_replies_cursor_is_a_400(client, post, cursor):
    assert client.get(post.get_absolute_url(), {"after": cursor}).status_code == 400
