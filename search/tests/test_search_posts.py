"""Posts search: web-search syntax, stemming, relevance with a recency boost, visibility, highlighting.

Backend-neutral: the same assertions hold for PostgreSQL full-text search and SQLite FTS5.
"""

import re

import pytest

from posts.models import Post
from posts.tests.helpers import post_ids_on
from search.tests.helpers import SEARCH_URL, backdate, found_post_ids, write
from social import services as social_services


def marked_words(html: str) -> list[str]:
    """The highlighted words in page order (a backend may mark a phrase as one element)."""
    return [word.lower() for marked in re.findall(r"<mark>(.*?)</mark>", html) for word in marked.split()]


# Syntax


def test_plain_words_must_all_match(client, alice):
    both = write(alice, "Fresh coffee and warm bread this morning")
    write(alice, "Fresh coffee, nothing else")
    write(alice, "Warm bread, nothing else")

    assert found_post_ids(client, "coffee bread") == [both.pk]


def test_a_quoted_phrase_matches_only_the_words_in_that_order(client, alice):
    phrase = write(alice, "I saw the quick brown fox today")
    write(alice, "The fox was brown and quick")

    assert found_post_ids(client, '"quick brown fox"') == [phrase.pk]


def test_a_minus_sign_excludes_a_word(client, alice):
    tea = write(alice, "Morning tea in the garden")
    write(alice, "Morning coffee in the garden")

    assert found_post_ids(client, "garden -coffee") == [tea.pk]


def test_a_minus_sign_before_a_phrase_excludes_the_phrase(client, alice):
    keep = write(alice, "Garden party with brown bread")
    write(alice, "Garden party with the quick brown fox")

    assert found_post_ids(client, 'garden -"brown fox"') == [keep.pk]


@pytest.mark.parametrize("text", ["coffee or tea", "coffee OR tea"])
def test_or_finds_either_word(client, alice, text):
    coffee = write(alice, "A cup of coffee")
    tea = write(alice, "A pot of tea")
    write(alice, "A glass of water")

    assert sorted(found_post_ids(client, text)) == sorted([coffee.pk, tea.pk])


def test_or_binds_tighter_than_the_words_around_it(client, alice):
    """`garden coffee or tea` is garden AND (coffee OR tea)."""
    coffee = write(alice, "Coffee in the garden")
    tea = write(alice, "Tea in the garden")
    write(alice, "Coffee in the kitchen")

    assert sorted(found_post_ids(client, "garden coffee or tea")) == sorted([coffee.pk, tea.pk])


def test_search_ignores_case(client, alice):
    post = write(alice, "DJANGO Unchained")

    assert found_post_ids(client, "django unchained") == [post.pk]
    assert found_post_ids(client, "Django UNCHAINED") == [post.pk]


@pytest.mark.parametrize(
    ("query", "body"),
    [("running", "She runs every morning"), ("runs", "Running is fun"), ("cats", "My cat sleeps"), ("cat", "Cats")],
)
def test_english_stemming_finds_other_forms_of_a_word(client, alice, query, body):
    post = write(alice, body)

    assert found_post_ids(client, query) == [post.pk]


def test_a_search_with_no_match_says_so(client, alice):
    write(alice, "Coffee")

    response = client.get(SEARCH_URL, {"q": "zebra"})

    assert response.status_code == 200
    assert "No posts match “zebra”." in response.content.decode()


# Relevance and recency


def test_a_phrase_ranks_above_the_same_words_scattered(client, alice, bob):
    """Both posts have the same number of words and contain each word once: only proximity differs.

    The scattered post is the newer one, so the recency boost works against the phrase.
    """
    phrase = write(alice, "quick brown fox seen near the old mill by the river today")
    scattered = write(bob, "quick thinking saved the brown boat when a red fox crossed today")

    assert found_post_ids(client, "quick brown fox") == [phrase.pk, scattered.pk]


def test_more_mentions_rank_above_a_passing_mention(client, alice, bob):
    focused = write(alice, "Espresso, espresso, espresso: all about espresso")
    passing = write(bob, "Went to the shop, bought bread, milk, eggs, apples and one espresso")

    assert found_post_ids(client, "espresso") == [focused.pk, passing.pk]


def test_recency_breaks_ties_toward_the_newer_post(client, alice, bob):
    older = backdate(write(alice, "Notes on sourdough baking"), days=10)
    newer = write(bob, "Notes on sourdough baking")

    assert found_post_ids(client, "sourdough") == [newer.pk, older.pk]


def test_a_far_better_match_from_yesterday_still_beats_a_weak_one_from_today(client, alice, bob):
    strong = backdate(write(alice, "Sourdough sourdough sourdough"), days=1)
    weak = write(bob, "Lots of words about bread in general and, at the very end, sourdough")

    assert found_post_ids(client, "sourdough") == [strong.pk, weak.pk]


def test_a_much_older_post_gives_way_to_a_recent_equal_match(client, alice, bob):
    ancient = backdate(write(alice, "Kayak trip"), days=365)
    recent = backdate(write(bob, "Kayak trip"), days=1)

    assert found_post_ids(client, "kayak") == [recent.pk, ancient.pk]


# Visibility


@pytest.mark.parametrize(
    ("viewer", "sees_followers_post"),
    [("author", True), ("follower", True), ("outsider", False), ("anonymous", False)],
)
def test_followers_only_posts_are_found_only_by_those_who_may_see_them(
    client, alice, bob, follower, viewer, sees_followers_post
):
    public = write(alice, "Open thoughts on gardening")
    private = write(alice, "Closed thoughts on gardening", Post.Visibility.FOLLOWERS)
    user = {"author": alice, "follower": follower, "outsider": bob, "anonymous": None}[viewer]
    if user is not None:
        client.force_login(user)

    found = found_post_ids(client, "gardening")

    assert sorted(found) == sorted([public.pk, private.pk] if sees_followers_post else [public.pk])


def test_a_followers_only_post_leaks_nothing_to_outsiders(client, alice, bob):
    write(alice, "Secret gardening plans xylophone", Post.Visibility.FOLLOWERS)
    client.force_login(bob)

    response = client.get(SEARCH_URL, {"q": "xylophone"})

    assert post_ids_on(response) == []
    assert "Secret gardening" not in response.content.decode()


def test_unfollowing_hides_followers_only_posts_again(client, alice, follower):
    private = write(alice, "Members only gardening", Post.Visibility.FOLLOWERS)
    client.force_login(follower)
    assert found_post_ids(client, "gardening") == [private.pk]

    social_services.follow_delete(follower=follower, followee=alice)

    assert found_post_ids(client, "gardening") == []


# Highlighting


def test_matching_words_are_highlighted_including_other_forms(client, alice):
    write(alice, "She runs to the market every morning")

    response = client.get(SEARCH_URL, {"q": "running market"})

    html = response.content.decode()
    assert marked_words(html) == ["runs", "market"]
    assert "<mark>runs</mark> to the <mark>market</mark>" in html


def test_highlighting_escapes_html_in_the_body(client, alice):
    write(alice, "<script>alert('coffee')</script> & <b>coffee</b> time")

    html = client.get(SEARCH_URL, {"q": "coffee"}).content.decode()

    assert "<script>alert" not in html
    assert "<b>" not in html
    assert "&lt;script&gt;" in html
    assert "&amp;" in html
    assert marked_words(html)
    assert set(marked_words(html)) == {"coffee"}


def test_highlighting_keeps_the_whole_body_and_its_line_breaks(client, alice):
    body = "First line about tulips\nSecond line, no flowers\nThird line about tulips again"
    write(alice, body)

    html = client.get(SEARCH_URL, {"q": "tulips"}).content.decode()

    assert "<mark>tulips</mark><br>Second line, no flowers<br>Third line about <mark>tulips</mark> again" in html


def test_a_phrase_search_highlights_the_phrase_words(client, alice):
    write(alice, "I saw the quick brown fox today")

    html = client.get(SEARCH_URL, {"q": '"quick brown fox"'}).content.decode()

    assert marked_words(html) == ["quick", "brown", "fox"]


def test_excluded_words_are_not_highlighted(client, alice):
    write(alice, "Tea time in the garden")

    html = client.get(SEARCH_URL, {"q": "garden -coffee"}).content.decode()

    assert marked_words(html) == ["garden"]
