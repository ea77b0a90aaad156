"""`seed_demo` makes consistent, deterministic demo data."""

from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.db.models import Count, F, Q

from accounts.models import User
from images.models import Image
from moderation.models import AuditLogEntry, ModerationAction
from moderation.services import MODERATORS_GROUP
from notifications.models import Event, Notification
from operations.demo_pictures import SCENES
from posts import policy
from posts.models import Bookmark, Like, Post
from posts.services import post_create
from social.models import Follow

COUNTERS = ("like_count", "reply_count", "repost_count", "quote_count")


def seed(**options) -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out, **options)
    return out.getvalue()


def snapshot() -> dict:
    return {
        "users": list(User.objects.order_by("username").values_list("username", "follower_count", "post_count")),
        "follows": list(Follow.objects.order_by("follower__username", "followee__username").values_list(
            "follower__username", "followee__username"
        )),
        "posts": list(Post.objects.order_by("id").values_list(
            "author__username", "body", "visibility", "in_reply_to__body", "repost_of__body", "quoted_post__body"
        )),
    }  # fmt: skip


def counters() -> dict:
    return {
        "users": sorted(User.objects.values_list("pk", "follower_count", "following_count", "post_count")),
        "posts": sorted(Post.objects.values_list("pk", *COUNTERS)),
    }


@pytest.mark.django_db
def test_seed_posts_pictures_processed_with_their_alt_text_and_a_content_warning(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        seed(users=10, posts=0, seed=1)

    pictured = Post.objects.filter(attachments__isnull=False).distinct()
    images = Image.objects.filter(post_attachment__post__in=pictured)
    assert pictured.count() == len(SCENES)
    assert images.count() == sum(len(alt_texts) for _, alt_texts, _ in SCENES)
    assert set(images.values_list("state", flat=True)) == {Image.State.READY}
    assert all(image.alt_text and image.blurhash for image in images)
    assert pictured.exclude(content_warning="").count() == 1
    assert not pictured.filter(author__username="demo").exists()


def depth_of(post_id: int, parents: dict[int, int | None]) -> int:
    depth = 0
    while (post_id := parents[post_id]) is not None:
        depth += 1
    return depth


@pytest.mark.django_db
def test_seed_creates_the_demo_login_and_consistent_counters():
    output = seed(users=40, posts=300, seed=3)

    assert "Done: 40 users" in output
    assert "posts: 300/300" in output
    assert authenticate(username="demo", password="threadly-demo") is not None
    assert User.objects.count() == 40
    assert Post.objects.count() == 300 + len(SCENES)
    for user in User.objects.annotate(
        followers=Count("follower_set", distinct=True),
        followings=Count("following_set", distinct=True),
        posts_written=Count("posts", filter=Q(posts__repost_of=None), distinct=True),
    ):
        assert (user.follower_count, user.following_count, user.post_count) == (
            user.followers,
            user.followings,
            user.posts_written,
        )
    for post in Post.objects.annotate(
        likes_n=Count("likes", distinct=True),
        replies_n=Count("replies", distinct=True),
        reposts_n=Count("reposts", distinct=True),
        quotes_n=Count("quotes", distinct=True),
    ):
        assert [getattr(post, counter) for counter in COUNTERS] == [
            post.likes_n,
            post.replies_n,
            post.reposts_n,
            post.quotes_n,
        ]
    assert Like.objects.exists()


@pytest.mark.django_db
def test_recount_agrees_with_the_seeded_counters():
    seed(users=40, posts=400, seed=4)
    seeded = counters()

    call_command("recount", stdout=StringIO())

    assert counters() == seeded
    assert any(reply_count for _, _, reply_count, *_ in seeded["posts"])


@pytest.mark.django_db
def test_conversations_are_trees_of_reply_posts_several_levels_deep():
    seed(users=40, posts=400, seed=4)
    parents = dict(Post.objects.values_list("pk", "in_reply_to_id"))
    replies = Post.objects.exclude(in_reply_to=None)

    for reply_id, parent_id, conversation_id in replies.values_list("pk", "in_reply_to_id", "conversation_id"):
        root = reply_id
        while parents[root] is not None:
            root = parents[root]
        assert conversation_id == root != reply_id
        assert parent_id < reply_id
    assert replies.count() == 140
    assert max(depth_of(pk, parents) for pk in parents) >= 5
    sizes = replies.values("conversation_id").annotate(n=Count("pk")).values_list("n", flat=True)
    assert max(sizes) >= 20  # A long thread...
    assert len(sizes) >= 20  # ...among many short ones.
    assert not Post.objects.filter(conversation_id=None).exclude(in_reply_to=None).exists()


@pytest.mark.django_db
def test_reposts_are_empty_public_and_once_per_person_and_quotes_have_words():
    seed(users=40, posts=400, seed=4)
    reposts = Post.objects.exclude(repost_of=None)
    quotes = Post.objects.exclude(quoted_post=None)

    assert reposts.count() == 40
    assert set(reposts.values_list("body", "visibility")) == {("", Post.Visibility.PUBLIC)}
    assert not reposts.filter(repost_of__author=F("author")).exists()
    assert not reposts.filter(repost_of__visibility=Post.Visibility.FOLLOWERS).exists()
    assert quotes.count() == 20
    assert not quotes.filter(body="").exists()
    assert not Post.objects.filter(Q(repost_of__repost_of__isnull=False) | Q(quoted_post__repost_of__isnull=False))


@pytest.mark.django_db
def test_the_demo_user_has_bookmarks_they_may_see():
    seed(users=40, posts=400, seed=4)
    demo = User.objects.get(username="demo")

    assert Bookmark.objects.filter(user=demo).count() == 15
    assert policy.bookmarked_posts(demo).count() == 15
    assert not Bookmark.objects.exclude(user=demo).exists()


@pytest.mark.django_db
def test_the_demo_user_is_notified_of_replies_reposts_and_quotes_of_their_posts():
    seed(users=40, posts=400, seed=4)
    demo = User.objects.get(username="demo")
    notified = Notification.objects.filter(recipient=demo)

    for kind in (Event.Kind.REPOST, Event.Kind.QUOTE):
        about = notified.filter(kind=kind)
        assert about.exists(), kind
        assert not about.exclude(post__author=demo).exists()
    replies = notified.filter(kind=Event.Kind.REPLY)
    assert replies.exists()
    assert not replies.exclude(post__in_reply_to__author=demo).exists()
    assert not replies.filter(actor=demo).exists()
    assert {(n.actor_id, n.post.author_id) for n in replies.select_related("post")} == set(
        replies.values_list("actor", "actor")
    )
    reposted = set(notified.filter(kind=Event.Kind.REPOST).values_list("actor", "post"))
    assert reposted <= set(Post.objects.exclude(repost_of=None).values_list("author", "repost_of"))
    quoted = set(notified.filter(kind=Event.Kind.QUOTE).values_list("actor", "post"))
    assert quoted <= set(Post.objects.exclude(quoted_post=None).values_list("author", "quoted_post"))


@pytest.mark.django_db
def test_seed_makes_a_moderator_and_an_admin_with_the_demo_password():
    output = seed(users=10, posts=5, seed=1)

    moderator = authenticate(username="moderator", password="threadly-demo")
    admin = authenticate(username="site_admin", password="threadly-demo")
    assert (moderator.role, moderator.is_staff, moderator.is_superuser) == (User.Role.MODERATOR, True, False)
    assert list(moderator.groups.values_list("name", flat=True)) == [MODERATORS_GROUP]
    assert (admin.role, admin.is_staff, admin.is_superuser) == (User.Role.ADMIN, True, True)
    assert AuditLogEntry.objects.filter(action=ModerationAction.SET_ROLE).count() == 2
    assert "'moderator' or 'site_admin'" in output
    assert User.objects.filter(is_staff=True).count() == 2


@pytest.mark.django_db
def test_seed_if_empty_twice_makes_the_staff_once():
    seed(users=10, posts=5, seed=1, if_empty=True)
    seed(users=10, posts=5, seed=1, if_empty=True)

    assert User.objects.count() == 10
    assert User.objects.filter(is_staff=True).count() == 2


@pytest.mark.django_db
def test_seed_has_a_skewed_follow_graph():
    seed(users=200, posts=10, seed=5)
    counts = sorted(User.objects.values_list("follower_count", flat=True), reverse=True)
    assert counts[0] > 5 * counts[len(counts) // 2]


@pytest.mark.django_db
def test_posts_are_stored_oldest_first_so_ids_follow_time():
    seed(users=20, posts=100, seed=1)
    times = list(Post.objects.order_by("id").values_list("created_at", flat=True))
    assert times == sorted(times)
    # The ids were given by the command: the sequence was moved past them for the posts that follow.
    assert post_create(author=User.objects.get(username="demo"), body="After the seed").pk == Post.objects.count()


@pytest.mark.django_db
def test_the_same_seed_gives_the_same_data():
    seed(users=30, posts=80, seed=11)
    first = snapshot()
    User.objects.all().delete()
    seed(users=30, posts=80, seed=11)
    assert snapshot() == first


@pytest.mark.django_db
def test_if_empty_leaves_an_existing_database_alone():
    seed(users=10, posts=5, seed=1)
    output = seed(users=10, posts=5, seed=2, if_empty=True)
    assert "already has users" in output
    assert User.objects.count() == 10


@pytest.mark.django_db
def test_seeding_twice_without_if_empty_is_refused():
    seed(users=10, posts=5, seed=1)
    with pytest.raises(CommandError, match="already loaded"):
        seed(users=10, posts=5, seed=1)


@pytest.mark.django_db
def test_too_few_users_is_a_clear_error():
    with pytest.raises(CommandError, match="at least 4"):
        seed(users=3, posts=5)
