"""A feed rebuilt while a post was hidden from its reader still shows the post once it is seen again.

Found by the property test (test_feed_equals_pull.py): a rebuild (after an eviction, a Redis flush,
or a return after the active window) that kept only what the reader could see at that moment lost
for good what a moderator's restore, a lifted suspension, an unmute, an unfollow or a visibility
change shows again, for none of them puts others' reposts and replies back into feeds.
"""

import pytest

from accounts import services as accounts
from posts import services
from timelines import feeds
from timelines.reads import home_page
from timelines.tests.conftest import all_pages, pull_ids, ready_feed

pytestmark = pytest.mark.redis


def rebuilt(reader) -> None:
    """The feed goes (evicted); the reader's next page is the pull query's, and rebuilds it."""
    feeds.redis().delete(feeds.home_key(reader.pk))
    assert home_page(reader, before=None, size=10).source == "pull"
    assert feeds.feed_exists(reader.pk)


def assert_feed_shows(reader, post) -> None:
    assert all_pages(reader) == (pull_ids(reader), {"feed"})
    assert post.pk in pull_ids(reader)


def test_a_reply_to_a_post_restored_by_a_moderator(world, reader, person, commit):
    author, replier = person("author"), person("replier")
    world.follow(reader, author)
    world.follow(reader, replier)
    ready_feed(reader)
    post = world.post(author)
    reply = world.reply(replier, post)
    commit(services.post_remove, post=post)
    rebuilt(reader)

    commit(services.post_restore, post=post)

    assert_feed_shows(reader, reply)


def test_a_reply_to_someone_whose_suspension_is_lifted(world, reader, person, commit):
    author, replier = person("author"), person("replier")
    world.follow(reader, author)
    world.follow(reader, replier)
    ready_feed(reader)
    reply = world.reply(replier, world.post(author))
    commit(accounts.user_suspend, user=author)
    rebuilt(reader)

    commit(accounts.user_unsuspend, user=author)

    assert_feed_shows(reader, reply)


def test_a_repost_of_someone_unmuted(world, reader, person):
    author, reposter = person("author"), person("reposter")
    world.follow(reader, reposter)
    ready_feed(reader)
    repost = world.repost(reposter, world.post(author))
    world.mute(reader, author)
    rebuilt(reader)

    world.unmute(reader, author)

    assert_feed_shows(reader, repost)


def test_a_repost_of_someone_unfollowed(world, reader, person):
    """Following the author hides reposts of their posts (the post itself is there); unfollowing shows them."""
    author, reposter = person("author"), person("reposter")
    world.follow(reader, author)
    world.follow(reader, reposter)
    ready_feed(reader)
    repost = world.repost(reposter, world.post(author))
    rebuilt(reader)

    world.unfollow(reader, author)

    assert_feed_shows(reader, repost)


def test_a_repost_of_a_post_made_public_again(world, reader, person, commit):
    author, reposter = person("author"), person("reposter")
    world.follow(reader, reposter)
    ready_feed(reader)
    post = world.post(author)
    repost = world.repost(reposter, post)
    commit(services.post_update, post=post, editor=author, body=post.body, visibility="followers")
    rebuilt(reader)

    commit(services.post_update, post=post, editor=author, body=post.body, visibility="public")

    assert_feed_shows(reader, repost)


def test_a_second_repost_once_the_first_reposter_is_muted(world, reader, person):
    author, first, second = person("author"), person("first"), person("second")
    world.follow(reader, first)
    world.follow(reader, second)
    ready_feed(reader)
    post = world.post(author)
    world.repost(first, post)
    again = world.repost(second, post)
    rebuilt(reader)

    world.mute(reader, first)

    assert_feed_shows(reader, again)
