"""`manage.py recount` puts every denormalised counter back to what the rows say."""

import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from accounts.models import User
from posts import services
from posts.factories import LikeFactory, ReplyFactory
from social.factories import FollowFactory

pytestmark = pytest.mark.django_db


def test_recount_rebuilds_post_and_user_counters(alice, bob, carol):
    post = services.post_create(author=alice, body="Counted")
    LikeFactory(post=post, user=bob)
    LikeFactory(post=post, user=carol)
    reply = ReplyFactory(in_reply_to=post, author=bob)
    ReplyFactory(in_reply_to=reply, author=carol)
    ReplyFactory(in_reply_to=reply, author=alice, removed_at=timezone.now())
    FollowFactory(follower=bob, followee=alice)
    FollowFactory(follower=carol, followee=alice)
    post.__class__.objects.update(like_count=7, reply_count=0)
    User.objects.update(follower_count=5, following_count=5, post_count=5)
    out = io.StringIO()

    call_command("recount", stdout=out)

    post.refresh_from_db()
    reply.refresh_from_db()
    assert (post.like_count, post.reply_count) == (2, 1)
    assert (reply.like_count, reply.reply_count) == (0, 1)  # The removed reply does not count.
    assert dict(User.objects.values_list("username", "follower_count")) == {"alice": 2, "bob": 0, "carol": 0}
    assert dict(User.objects.values_list("username", "following_count")) == {"alice": 0, "bob": 1, "carol": 1}
    assert dict(User.objects.values_list("username", "post_count")) == {"alice": 2, "bob": 1, "carol": 1}
    assert "posts: 4 recounted" in out.getvalue()
    assert "users: 3 recounted" in out.getvalue()


def test_recount_on_an_empty_database_says_it_is_done(db):
    out = io.StringIO()

    call_command("recount", stdout=out)

    assert "Counters rebuilt" in out.getvalue()
