"""The hybrid home timeline: pushed ids, pulled authors, and the database past the cap, read as one."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import User
from operations.tests.test_threadly_stats import stats
from posts import services
from posts.models import Post
from timelines import feeds
from timelines.reads import home_page
from timelines.tests.conftest import all_pages, pull_ids, ready_feed

pytestmark = pytest.mark.redis


def test_a_missing_feed_is_answered_by_the_pull_query_and_rebuilt(world, reader, person):
    author = person("author")
    world.follow(reader, author)
    posts = [world.post(author, f"post {number}") for number in range(3)]

    first = home_page(reader, before=None, size=10)

    assert first.source == "pull"
    assert [item.pk for item in first.items] == [post.pk for post in reversed(posts)]
    assert feeds.feed_ids(reader.pk) == [post.pk for post in reversed(posts)]
    assert home_page(reader, before=None, size=10).source == "feed"


def test_a_new_post_is_pushed_to_active_followers_and_its_author(world, reader, person):
    author, away = person("author"), person("away")
    User.objects.filter(pk=away.pk).update(last_active_at=timezone.now() - timedelta(days=30))
    for follower in (reader, away):
        world.follow(follower, author)
    ready_feed(reader)
    ready_feed(author)
    feeds.build_start(away.pk)
    feeds.build_finish(away.pk, [], floor=0)

    post = world.post(author)

    assert feeds.feed_ids(reader.pk) == [post.pk]
    assert feeds.feed_ids(author.pk) == [post.pk]
    assert feeds.feed_ids(away.pk) == []


def test_someone_back_after_the_active_window_gets_a_true_page_at_once(world, reader, person):
    author = person("author")
    world.follow(reader, author)
    ready_feed(reader)
    User.objects.filter(pk=reader.pk).update(last_active_at=timezone.now() - timedelta(days=30))
    post = world.post(author)  # not pushed: the reader was away
    reader.refresh_from_db()

    page = home_page(reader, before=None, size=10)

    assert [item.pk for item in page.items] == [post.pk]
    assert feeds.feed_ids(reader.pk) == [post.pk]


def test_replies_reach_those_who_follow_both_people(world, reader, person):
    author, friend, stranger = person("author"), person("friend"), person("stranger")
    world.follow(reader, author)
    world.follow(reader, friend)
    ready_feed(reader)

    to_friend = world.reply(author, world.post(friend))
    world.reply(author, world.post(stranger))

    assert to_friend.pk in feeds.feed_ids(reader.pk)
    assert all_pages(reader)[0] == pull_ids(reader)
    assert len(pull_ids(reader)) == 2  # friend's post and the reply to it


def test_a_post_reposted_by_several_followees_shows_once(world, reader, person):
    author, first, second = person("author"), person("first"), person("second")
    for followee in (first, second):
        world.follow(reader, followee)
    ready_feed(reader)
    post = world.post(author)

    earlier = world.repost(first, post)
    later = world.repost(second, post)

    assert all_pages(reader)[0] == [earlier.pk] == pull_ids(reader)
    world.mute(reader, first)
    assert all_pages(reader)[0] == [later.pk] == pull_ids(reader)
    world.follow(reader, author)
    assert all_pages(reader)[0] == [post.pk] == pull_ids(reader)


def test_paging_goes_on_past_the_cap_from_the_database(world, reader, person, settings):
    settings.HOME_FEED_CAP = 4
    author = person("author")
    world.follow(reader, author)
    ready_feed(reader)
    posts = [world.post(author, f"post {number}") for number in range(11)]

    ids, sources = all_pages(reader, size=3)

    assert len(feeds.feed_ids(reader.pk)) == 4
    assert ids == [post.pk for post in reversed(posts)] == pull_ids(reader)
    assert sources == {"feed"}


def test_authors_with_too_many_followers_are_pulled_not_pushed(world, reader, person, settings):
    settings.HOME_FEED_PUSH_MAX_FOLLOWERS = 1
    star, quiet = person("star"), person("quiet")
    world.follow(reader, star)
    world.follow(person("fan"), star)
    world.follow(reader, quiet)
    ready_feed(reader)

    loud = world.post(star)
    calm = world.post(quiet)

    assert feeds.feed_ids(reader.pk) == [calm.pk]
    assert User.objects.get(pk=star.pk).feed_pulled
    assert all_pages(reader, size=1)[0] == [calm.pk, loud.pk] == pull_ids(reader)


def test_a_follow_backfills_and_an_unfollow_takes_the_author_out(world, reader, person):
    author = person("author")
    older = [world.post(author, f"post {number}") for number in range(2)]
    ready_feed(reader)

    world.follow(reader, author)
    assert feeds.feed_ids(reader.pk) == [post.pk for post in reversed(older)]

    world.unfollow(reader, author)
    assert feeds.feed_ids(reader.pk) == []
    assert all_pages(reader)[0] == []


def test_mutes_and_blocks_hide_at_once_and_unmuting_brings_back(world, reader, person):
    author, other = person("author"), person("other")
    world.follow(reader, author)
    world.follow(reader, other)
    ready_feed(reader)
    post, kept = world.post(author), world.post(other)

    world.mute(reader, author)
    assert all_pages(reader)[0] == [kept.pk] == pull_ids(reader)
    world.unmute(reader, author)
    assert all_pages(reader)[0] == [kept.pk, post.pk] == pull_ids(reader)
    world.block(other, reader)
    assert all_pages(reader)[0] == [post.pk] == pull_ids(reader)


def test_deleted_removed_and_suspended_leave_at_read(world, reader, person, commit):
    from moderation import services as moderation

    author, other = person("author"), person("other")
    world.follow(reader, author)
    world.follow(reader, other)
    ready_feed(reader)
    gone, removed, kept = world.post(author), world.post(author), world.post(other)

    commit(services.post_delete, post=gone, actor=author)
    commit(services.post_remove, post=removed)
    assert all_pages(reader)[0] == [kept.pk]
    commit(moderation.user_suspend, user=other, moderator=None)
    assert all_pages(reader)[0] == []
    commit(moderation.user_unsuspend, user=other, moderator=None)
    commit(services.post_restore, post=Post.objects.get(pk=removed.pk))
    assert all_pages(reader)[0] == [kept.pk, removed.pk] == pull_ids(reader)


def test_with_redis_unreachable_the_pull_query_serves(world, reader, person, settings):
    author = person("author")
    world.follow(reader, author)
    post = world.post(author)
    ready_feed(reader)
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.2, "SOCKET_TIMEOUT": 0.2},
        }
    }

    page = home_page(reader, before=None, size=10)

    assert (page.source, [item.pk for item in page.items]) == ("pull", [post.pk])


def test_a_push_the_broker_could_not_take_is_kept_and_relayed(world, reader, person):
    from tests.brokers import broker_at
    from tests.integration.processes import free_port
    from threadly.celery import app
    from threadly.models import UnpublishedTask
    from threadly.tasks import relay_unpublished_tasks

    author = person("author")
    world.follow(reader, author)
    ready_feed(reader)
    saved = (app.conf.task_always_eager, app.conf.broker_url)
    with broker_at(f"redis://127.0.0.1:{free_port()}/0"):
        post = world.post(author)
        assert relay_unpublished_tasks() == 0  # still unreachable: kept
    assert (app.conf.task_always_eager, app.conf.broker_url) == saved

    assert list(UnpublishedTask.objects.values_list("task", "args")) == [("timelines.tasks.fan_out_post", [post.pk])]
    assert stats()["home feed unsent tasks"] == "1"
    assert feeds.feed_ids(reader.pk) == []
    assert relay_unpublished_tasks() == 1
    assert feeds.feed_ids(reader.pk) == [post.pk]
    assert not UnpublishedTask.objects.exists()


def test_the_author_finds_their_post_at_once_though_the_workers_are_behind(world, reader, person):
    from tests.brokers import broker_at
    from tests.integration.processes import free_port

    follower = person("follower")
    world.follow(follower, reader)
    ready_feed(reader)
    ready_feed(follower)
    with broker_at(f"redis://127.0.0.1:{free_port()}/0"):
        post = world.post(reader)

    assert feeds.feed_ids(reader.pk) == [post.pk]
    assert feeds.feed_ids(follower.pk) == []  # the fan-out waits for the broker
