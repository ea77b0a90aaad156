"""Removing content hides it and keeps the counters true; restoring undoes both."""

import pytest

from moderation import services
from posts import services as posts

pytestmark = pytest.mark.django_db


def test_removing_a_reply_takes_it_out_of_the_reply_count_and_restoring_puts_it_back(alice, bob):
    post = posts.post_create(author=alice, body="Hello")
    reply = posts.comment_create(post=post, author=bob, body="Spam spam")

    services.content_remove(content=reply, moderator=None, reason="spam")
    services.content_remove(content=reply, moderator=None, reason="twice")
    post.refresh_from_db()
    assert post.comment_count == 0

    services.content_restore(content=reply, moderator=None, reason="appeal")
    post.refresh_from_db()
    assert post.comment_count == 1
