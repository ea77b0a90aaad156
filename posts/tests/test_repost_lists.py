"""Which lists show repost rows, to whom, and at what cost: Home, Explore and profiles show them with
"X reposted" above the original; tags and search never do; the original's visibility always applies."""

import pytest
from django.urls import reverse

from accounts.factories import UserFactory
from posts import policy, reposts, services
from posts.models import Post
from posts.tests.helpers import POSTS, PUBLIC, assert_query_budget, post_ids_on
from social import services as social
from social.factories import FollowFactory
from social.tests.test_query_budgets import (
    COLD_RENDERINGS,
    EXPLORE_BUDGET,
    HOME_BUDGET,
    PROFILE_BUDGET,
    home_feed_ready,
)
from threadly.tests.test_api_query_budgets import HOME_FEED_BUDGET as API_HOME_BUDGET
from threadly.tests.test_api_query_budgets import PUBLIC_FEED_BUDGET as API_EXPLORE_BUDGET

# A page with quotes asks one more query: which of the quoted posts the viewer may see (posts.policy).
QUOTE_CARDS = 1

pytestmark = pytest.mark.django_db


@pytest.fixture
def reposted(alice, bob, carol):
    """carol follows bob, who reposted alice's public post; returns (the original, bob's repost row)."""
    social.follow_create(follower=carol, followee=bob)
    original = services.post_create(author=alice, body="Worth sharing")
    reposts.repost_create(user=bob, post=original)
    return original, Post.objects.get(author=bob, repost_of=original)


def _home_ids(viewer) -> list[int]:
    return list(policy.home_posts(viewer).values_list("pk", flat=True))


def test_home_shows_a_followees_repost_with_who_reposted_it(client, carol, reposted):
    original, row = reposted
    client.force_login(carol)

    response = client.get(reverse("social:home"))

    assert post_ids_on(response) == [row.pk]
    content = response.content.decode()
    assert f'<a href="/@bob" dir="auto">{row.author.name}</a> reposted' in content
    assert "Worth sharing" in content
    assert f'action="/posts/{original.pk}/like/"' in content  # Liking it likes the original.


def test_the_reposter_sees_that_they_reposted_and_may_undo(client, bob, reposted):
    original, _ = reposted
    client.force_login(bob)

    content = client.get(reverse("social:home")).content.decode()

    assert ">You</a> reposted" in content
    assert f'action="/posts/{original.pk}/unrepost/"' in content


def test_explore_and_the_reposters_profile_show_the_repost(client, bob, reposted):
    original, row = reposted

    assert post_ids_on(client.get(reverse("social:explore"))) == [row.pk, original.pk]
    assert post_ids_on(client.get(reverse("social:profile", args=[bob.username]))) == [row.pk]


def test_a_muted_reposter_or_muted_original_author_hides_the_repost_from_lists(alice, bob, carol, reposted):
    _, row = reposted
    social.mute_create(muter=carol, muted=bob)
    assert row.pk not in _home_ids(carol)
    social.mute_delete(muter=carol, muted=bob)
    social.mute_create(muter=carol, muted=alice)

    assert row.pk not in _home_ids(carol)
    assert row.pk not in policy.explore_posts(carol).values_list("pk", flat=True)


@pytest.mark.parametrize("hidden_by", ["block", "removal", "followers_only"])
def test_a_repost_is_hidden_where_its_original_is(hidden_by, alice, carol, reposted):
    original, row = reposted
    if hidden_by == "block":
        social.block_create(blocker=alice, blocked=carol)
    elif hidden_by == "removal":
        services.post_remove(post=original)
    else:  # Made followers-only after it was reposted: carol does not follow alice.
        Post.objects.filter(pk=original.pk).update(visibility=Post.Visibility.FOLLOWERS)

    assert _home_ids(carol) == []
    assert row.pk not in policy.explore_posts(carol).values_list("pk", flat=True)
    assert not policy.profile_posts(viewer=carol, author=row.author).exists()
    assert not Post.objects.filter(policy.seeable_posts_q(carol), pk=row.pk).exists()


def test_lists_of_words_never_show_repost_rows(carol, reposted):
    original, row = reposted

    assert list(policy.searchable_posts(carol).values_list("pk", flat=True)) == [original.pk]
    assert not Post.objects.filter(policy.counted_posts_q(), pk=row.pk).exists()


def test_the_api_nests_the_original_in_a_repost_row(api_as, bob, carol, reposted):
    original, row = reposted

    body = api_as(carol).get(POSTS).json()["results"]

    assert [item["id"] for item in body] == [row.pk]
    assert body[0]["reposted_by"]["username"] == "bob"
    assert body[0]["repost_of"]["id"] == original.pk
    assert body[0]["repost_of"]["body"] == "Worth sharing"
    assert body[0]["repost_of"]["repost_count"] == 1
    assert body[0]["repost_of"]["can_repost"] is True
    assert body[0]["repost_of"]["reposted_by_me"] is False


# Query budgets: a page of reposts, quotes and posts costs what a page of posts does.


def _shared_by(person, number: int) -> None:
    """One item by `person`, by turns: a quote, a repost, a quote of a post deleted since, a post (a
    page of one item holds a quote, so that it asks for the quote cards as a page of many does)."""
    original = services.post_create(author=UserFactory(), body="An original")
    if number % 4 == 1:
        reposts.repost_create(user=person, post=original)
    elif number % 4 == 3:
        services.post_create(author=person, body="Just a post")
    else:
        services.post_create(author=person, body="Quoting this", quoted_post=original)
        if number % 4 == 2:
            services.post_delete(post=original, actor=original.author)


def _followed_items(viewer, count: int) -> None:
    for number in range(count):
        person = UserFactory()
        FollowFactory(follower=viewer, followee=person)
        _shared_by(person, number)
    home_feed_ready(viewer)


@pytest.fixture
def viewer(client, settings):
    settings.PAGE_SIZE = 100
    person = UserFactory(username="viewer")
    client.force_login(person)
    return person


@pytest.mark.parametrize(
    ("budget", "url"),
    [
        (HOME_BUDGET + COLD_RENDERINGS + QUOTE_CARDS, reverse("social:home")),
        (API_HOME_BUDGET + QUOTE_CARDS, f"{POSTS}?page_size=100"),
    ],
    ids=["page", "api"],
)
@pytest.mark.redis
def test_home_budget_with_reposts_and_quotes(budget, url, client, api_as, django_assert_num_queries, viewer):
    reader = api_as(viewer) if url.startswith("/api/") else client
    _followed_items(viewer, 1)

    assert_query_budget(
        django_assert_num_queries,
        budget=budget,
        fetch=lambda: reader.get(url),
        count_items=lambda response: len(_ids_of(response)),
        add_many=lambda count: _followed_items(viewer, count),
    )


def _ids_of(response) -> list[int]:
    if response.get("Content-Type", "").startswith("application/json"):
        return [item["id"] for item in response.json()["results"]]
    return post_ids_on(response)


@pytest.mark.parametrize(
    ("budget", "url"),
    [
        (EXPLORE_BUDGET + COLD_RENDERINGS + QUOTE_CARDS, reverse("social:explore")),
        (API_EXPLORE_BUDGET + QUOTE_CARDS, f"{PUBLIC}?page_size=100"),
    ],
    ids=["page", "api"],
)
def test_explore_budget_with_reposts_and_quotes(budget, url, client, api_as, django_assert_num_queries, viewer):
    reader = api_as(viewer) if url.startswith("/api/") else client
    sharer = UserFactory(username="sharer")
    _shared_by(sharer, 0)
    numbers = iter(range(1, 1000))

    assert_query_budget(
        django_assert_num_queries,
        budget=budget,
        fetch=lambda: reader.get(url),
        count_items=lambda response: Post.objects.filter(pk__in=_ids_of(response), author=sharer).count(),
        add_many=lambda count: [_shared_by(sharer, next(numbers)) for _ in range(count)],
    )


def test_profile_budget_with_reposts_and_quotes(client, django_assert_num_queries, viewer):
    sharer = UserFactory(username="sharer")
    _shared_by(sharer, 0)
    numbers = iter(range(1, 1000))

    assert_query_budget(
        django_assert_num_queries,
        budget=PROFILE_BUDGET + COLD_RENDERINGS + QUOTE_CARDS,
        fetch=lambda: client.get(reverse("social:profile", args=["sharer"])),
        count_items=lambda response: len(post_ids_on(response)),
        add_many=lambda count: [_shared_by(sharer, next(numbers)) for _ in range(count)],
    )
