"""The Status and Account entities, built from hydrated posts, carry Mastodon's documented fields."""

import pytest
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from mastodon_api.entities.statuses import hydrated, statuses
from posts import policy
from posts.reposts import repost_create
from posts.services import post_create
from social.services import follow_create

pytestmark = pytest.mark.django_db

# https://docs.joinmastodon.org/entities/Status/ and /Account/
STATUS_FIELDS = {
    "id",
    "uri",
    "created_at",
    "account",
    "content",
    "visibility",
    "sensitive",
    "spoiler_text",
    "media_attachments",
    "application",
    "mentions",
    "tags",
    "emojis",
    "reblogs_count",
    "favourites_count",
    "replies_count",
    "url",
    "in_reply_to_id",
    "in_reply_to_account_id",
    "reblog",
    "poll",
    "card",
    "language",
    "text",
    "edited_at",
    "favourited",
    "reblogged",
    "muted",
    "bookmarked",
    "pinned",
    "filtered",
    "quote",
    "quotes_count",
}
ACCOUNT_FIELDS = {
    "id",
    "username",
    "acct",
    "url",
    "display_name",
    "note",
    "avatar",
    "avatar_static",
    "header",
    "header_static",
    "locked",
    "fields",
    "emojis",
    "bot",
    "group",
    "discoverable",
    "noindex",
    "created_at",
    "last_status_at",
    "statuses_count",
    "followers_count",
    "following_count",
}


def request_as(user):
    request = Request(APIRequestFactory().get("/api/v1/timelines/home"))
    request.user = user
    return request


def test_a_page_of_statuses_has_every_field_with_reblogs_replies_and_mentions(alice, bob, carol):
    first = post_create(author=bob, body="Hello @alice see #Django\n\nsecond para")
    reply = post_create(author=alice, body="Hi back", in_reply_to=first)
    repost = post_create(author=carol, body="Sharing")
    repost_create(user=bob, post=repost)
    follow_create(follower=alice, followee=bob)
    request = request_as(alice)
    rows = policy.home_posts(alice) | policy.profile_posts(viewer=alice, author=alice, with_replies=True)
    page = statuses(request, hydrated(request, rows.order_by("-id"), limit=10))

    assert [status["id"] for status in page][1:] == [str(reply.pk), str(first.pk)]
    for status in page:
        assert status.keys() >= STATUS_FIELDS
        assert status["account"].keys() >= ACCOUNT_FIELDS
    reblog, answer, original = page
    assert reblog["reblog"]["id"] == str(repost.pk) and reblog["account"]["username"] == "bob"
    assert reblog["reblog"]["account"]["username"] == "carol" and reblog["content"] == ""
    assert answer["in_reply_to_id"] == str(first.pk) and answer["in_reply_to_account_id"] == str(bob.pk)
    assert original["mentions"][0]["username"] == "alice"
    assert original["tags"][0]["name"] == "django"
    assert original["content"].startswith("<p>Hello") and original["content"].count("<p>") == 2
    assert original["created_at"].endswith("Z")
