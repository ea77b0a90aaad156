"""`seed_demo` makes consistent, deterministic demo data."""

from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.db.models import Count

from accounts.models import User
from moderation.models import AuditLogEntry, ModerationAction
from moderation.services import MODERATORS_GROUP
from posts.models import Like, Post
from social.models import Follow


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
        "posts": list(Post.objects.order_by("id").values_list("author__username", "body", "visibility")),
    }  # fmt: skip


@pytest.mark.django_db
def test_seed_creates_the_demo_login_and_consistent_counters():
    output = seed(users=40, posts=300, seed=3)

    assert "Done: 40 users" in output
    assert "posts: 300/300" in output
    assert authenticate(username="demo", password="threadly-demo") is not None
    assert User.objects.count() == 40
    assert Post.objects.filter(in_reply_to=None).count() == 300
    for user in User.objects.annotate(
        followers=Count("follower_set", distinct=True),
        followings=Count("following_set", distinct=True),
        posts_written=Count("posts", distinct=True),
    ):
        assert (user.follower_count, user.following_count, user.post_count) == (
            user.followers,
            user.followings,
            user.posts_written,
        )
    for post in Post.objects.annotate(likes_n=Count("likes", distinct=True), replies_n=Count("replies", distinct=True)):
        assert (post.like_count, post.reply_count) == (post.likes_n, post.replies_n)
    assert Like.objects.exists() and Post.objects.exclude(in_reply_to=None).exists()


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
