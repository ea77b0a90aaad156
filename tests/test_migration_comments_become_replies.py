"""The migration that turns comments into reply posts, run on a database seeded with comments and
with the notifications and reports that point at them (posts 0006 to 0007, notifications 0005,
moderation 0002)."""

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from accounts.models import User
from moderation.models import Report
from notifications.models import Event, Notification
from posts.models import MovedComment, Post
from search.selectors import search_posts

# PostgreSQL: migrating back on SQLite remakes tables, which Django cannot do around the column-less
# ForeignObject of posts 0008 (AttributeError: no db_constraint).
pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

BEFORE = [
    ("accounts", "0009_user_feed_activity"),
    ("moderation", "0001_initial"),
    ("notifications", "0004_repost_and_quote_kinds"),
    ("posts", "0005_conversations_reposts_quotes_bookmarks"),
    ("social", "0004_follow_notify_posts_opt_in"),
]
EARLY = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)


def newest() -> list:
    """Posts 0007 (the migration) and every migration after it: the assertions read through today's models."""
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def migrate(targets):
    """Migrate the test database to `targets` and return the models as they were there."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return MigrationExecutor(connection).loader.project_state(targets).apps


@pytest.fixture
def before():
    """The models before the migration; the database goes back to the newest state afterwards."""
    apps = migrate(BEFORE)
    yield apps
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def seed(apps) -> dict:
    """ana's post with two comments by bob (one a moderator removed, one mentioning ana and carol,
    whom bob blocked, with a #tag), a reply notification and a mention, and a report on a comment."""
    User, Post, Comment = (
        apps.get_model(*name.split(".")) for name in ("accounts.User", "posts.Post", "posts.Comment")
    )
    Event, Notification = apps.get_model("notifications", "Event"), apps.get_model("notifications", "Notification")
    ana, bob, carol = (
        User.objects.create(username=name, email=f"{name}@example.com") for name in ("ana", "bob", "carol")
    )
    apps.get_model("social", "Block").objects.create(blocker=bob, blocked=carol)
    User.objects.filter(pk=ana.pk).update(post_count=1)
    post = Post.objects.create(author=ana, body="Morning all", reply_count=1)
    kind = Comment.objects.create(post=post, author=bob, body="Morning @ana and @carol #coffee", created_at=EARLY)
    rude = Comment.objects.create(post=post, author=bob, body="Something rude", removed_at=EARLY)
    replied = Event.objects.create(kind="comment", actor=bob, post=post, comment=kind, status="done")
    mentioned = Event.objects.create(kind="mention", actor=bob, post=post, comment=kind, status="done")
    for event in (replied, mentioned):
        Notification.objects.create(recipient=ana, event=event, kind=event.kind, actor=bob, post=post, comment=kind)
    report = apps.get_model("moderation", "Report").objects.create(reporter=ana, comment=rude, reason="abuse")
    return {
        "post": post.pk,
        "kind": kind.pk,
        "rude": rude.pk,
        "events": (replied.pk, mentioned.pk),
        "report": report.pk,
    }


def test_every_comment_becomes_a_reply_post_with_what_pointed_at_it(before):
    seeded = seed(before)

    migrate(newest())

    kind = Post.objects.get(pk=MovedComment.objects.get(comment_id=seeded["kind"]).post_id)
    rude = Post.objects.get(pk=MovedComment.objects.get(comment_id=seeded["rude"]).post_id)
    assert (kind.author.username, kind.body, kind.created_at, kind.removed_at) == (
        "bob",
        "Morning @ana and @carol #coffee",
        EARLY,
        None,
    )
    assert (rude.body, rude.removed_at) == ("Something rude", EARLY)
    for reply in (kind, rude):
        assert (reply.in_reply_to_id, reply.conversation_id, reply.visibility) == (
            seeded["post"],
            seeded["post"],
            "public",
        )
    assert [person.username for person in kind.mentions.all()] == ["ana"]  # bob blocked carol
    assert [tag.name for tag in kind.hashtags.all()] == ["coffee"]
    assert Post.objects.get(pk=seeded["post"]).reply_count == 1  # the removed reply does not count
    assert {user.username: user.post_count for user in User.objects.all()} == {"ana": 1, "bob": 2, "carol": 0}
    replied, mentioned = (Event.objects.get(pk=pk) for pk in seeded["events"])
    assert (replied.kind, replied.post_id, mentioned.kind, mentioned.post_id) == ("reply", kind.pk, "mention", kind.pk)
    notifications = Notification.objects.order_by("id").values_list("kind", "post_id")
    assert list(notifications) == [("reply", kind.pk), ("mention", kind.pk)]
    assert Report.objects.get(pk=seeded["report"]).post_id == rude.pk


def test_the_replies_are_found_by_search_and_old_links_lead_to_them(before, client):
    seeded = seed(before)

    migrate(newest())

    reply_id = MovedComment.objects.get(comment_id=seeded["kind"]).post_id
    found = search_posts(text="coffee", viewer=User.objects.get(username="ana"), cursor=None, size=10)
    assert [post.pk for post in found.items] == [reply_id]
    assert client.get(f"/comments/{seeded['kind']}/")["Location"] == f"/posts/{reply_id}/"
    assert (
        client.get(f"/api/threadly/v1/comments/{seeded['kind']}")["Location"]
        == f"http://testserver/api/threadly/v1/posts/{reply_id}"
    )
