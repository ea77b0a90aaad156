"""An edit of a post's words tells the people who reposted or quoted it, once each per edit, respecting
blocks and mutes and who may still see the post; its author and settings-only changes tell nobody."""

import pytest
from django.urls import reverse

from accounts.factories import UserFactory
from notifications.models import Event, Notification
from posts import reposts, services
from posts.models import Post
from posts.tests.helpers import MANY, assert_query_budget
from social.services import block_create, follow_create, mute_create
from tests.budgets import SESSION_QUERIES

pytestmark = pytest.mark.django_db
LIST_URL = reverse("notifications:list")


def edit(post: Post, body: str, **changes) -> Post:
    return services.post_update(post=post, editor=post.author, body=body, visibility=post.visibility, **changes)


def told_of_edits(user) -> list[str]:
    return list(
        Notification.objects.filter(recipient=user, kind=Event.Kind.EDIT)
        .order_by("id")
        .values_list("actor__username", flat=True)
    )


@pytest.fixture
def shared(alice, bob, carol, delivered):
    """alice's post, reposted by bob and quoted by carol."""
    post = services.post_create(author=alice, body="First words")
    with delivered():
        reposts.repost_create(user=bob, post=post)
        services.post_create(author=carol, body="Look at this", quoted_post=post)
    return post


def test_the_reposter_and_the_quoter_are_told_and_the_author_is_not(shared, alice, bob, carol, delivered):
    with delivered():
        edit(shared, "Second words")

    assert told_of_edits(bob) == ["alice"]
    assert told_of_edits(carol) == ["alice"]
    assert told_of_edits(alice) == []


def test_each_edit_tells_them_once(shared, bob, delivered):
    with delivered():
        edit(shared, "Second words")
        edit(shared, "Third words")

    assert told_of_edits(bob) == ["alice", "alice"]
    assert Event.objects.filter(kind=Event.Kind.EDIT).count() == 2


def test_who_reposted_and_quoted_is_told_once_per_edit(alice, bob, delivered):
    post = services.post_create(author=alice, body="First words")
    with delivered():
        reposts.repost_create(user=bob, post=post)
        services.post_create(author=bob, body="Quoting", quoted_post=post)
        services.post_create(author=bob, body="Quoting again", quoted_post=post)
        edit(post, "Second words")

    assert told_of_edits(bob) == ["alice"]


def test_a_new_warning_is_an_edit_they_hear_of(shared, bob, delivered):
    with delivered():
        edit(shared, "First words", content_warning="Spoilers")

    assert told_of_edits(bob) == ["alice"]


def test_settings_and_unchanged_saves_tell_nobody(shared, bob, carol, delivered):
    with delivered():
        edit(shared, "First words", reply_policy="following", quote_policy="nobody")
        edit(shared, "First words")

    assert told_of_edits(bob) == told_of_edits(carol) == []
    assert not Event.objects.filter(kind=Event.Kind.EDIT).exists()


def test_an_edit_of_a_post_nobody_shared_records_no_event(alice, delivered):
    with delivered():
        edit(services.post_create(author=alice, body="Alone"), "Still alone")

    assert not Event.objects.filter(kind=Event.Kind.EDIT).exists()


def test_a_reposter_the_author_blocked_is_not_told(shared, alice, bob, carol, delivered):
    block_create(blocker=alice, blocked=bob)
    assert Post.objects.filter(author=bob, repost_of=shared).exists()  # A block leaves the repost.
    with delivered():
        edit(shared, "Second words")

    assert told_of_edits(bob) == []
    assert told_of_edits(carol) == ["alice"]


def test_a_reposter_who_blocked_the_author_after_reposting_is_not_told(alice, bob, delivered):
    post = services.post_create(author=alice, body="First words")
    reposts.repost_create(user=bob, post=post)
    block_create(blocker=bob, blocked=alice)
    with delivered():
        edit(post, "Second words")

    assert told_of_edits(bob) == []


def test_a_quoter_who_muted_the_author_is_not_told(shared, alice, carol, delivered):
    mute_create(muter=carol, muted=alice)
    with delivered():
        edit(shared, "Second words")

    assert told_of_edits(carol) == []


def test_a_detached_quote_tells_its_author_nothing(alice, carol, delivered):
    post = services.post_create(author=alice, body="First words")
    quote = services.post_create(author=carol, body="Look", quoted_post=post)
    reposts.quote_detach(user=alice, quote=quote)
    with delivered():
        edit(post, "Second words")

    assert told_of_edits(carol) == []


def test_a_sharer_who_may_no_longer_see_the_post_is_not_told(alice, bob, carol, delivered):
    """A followers-only post quoted by a follower who has since unfollowed."""
    from social.services import follow_delete

    follow_create(follower=carol, followee=alice)
    post = services.post_create(author=alice, body="For friends", visibility="followers")
    services.post_create(author=carol, body="Look", quoted_post=post)
    follow_delete(follower=carol, followee=alice)
    with delivered():
        edit(post, "Still for friends")

    assert told_of_edits(carol) == []


def test_the_page_and_the_api_say_what_happened(shared, bob, client, api_as, delivered):
    with delivered():
        edit(shared, "Second words")
    client.force_login(bob)

    page = client.get(LIST_URL).content.decode()
    item = api_as(bob).get(reverse("api:notifications")).json()["results"][0]

    assert "edited a post you reposted or quoted" in page
    assert "Second words" in page
    assert f'<a href="{reverse("posts:history", args=[shared.pk])}">See what changed</a>' in page
    assert (item["kind"], item["text"], item["post"]) == (
        "edit",
        "Alice edited a post you reposted or quoted",
        shared.pk,
    )


def test_the_page_shows_a_warned_edit_by_its_warning(shared, bob, client, delivered):
    with delivered():
        edit(shared, "The butler did it", content_warning="Spoilers")
    client.force_login(bob)

    page = client.get(LIST_URL).content.decode()

    assert "Content warning: Spoilers" in page
    assert "butler" not in page


# session, user, the page of notifications (with actor, post, parent and quoted post)
NOTIFICATION_PAGE_BUDGET = SESSION_QUERIES + 2


def test_the_page_costs_the_same_with_one_edit_notification_and_a_page_of_them(
    bob, client, delivered, django_assert_num_queries, settings
):
    settings.PAGE_SIZE = MANY

    def add_edits(count: int) -> None:
        with delivered():
            for author in UserFactory.create_batch(count):
                post = services.post_create(author=author, body="First", content_warning="Careful")
                reposts.repost_create(user=bob, post=post)
                services.post_create(author=bob, body="Quoting", quoted_post=post)
                edit(post, "Second")

    add_edits(1)
    client.force_login(bob)

    assert_query_budget(
        django_assert_num_queries,
        budget=NOTIFICATION_PAGE_BUDGET,
        fetch=lambda: client.get(LIST_URL),
        count_items=lambda response: response.content.decode().count("edited a post you reposted or quoted"),
        add_many=add_edits,
    )
