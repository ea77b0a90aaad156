"""GET /api/threadly/v1/search: the three kinds of result, cursor pages, the error envelope."""

from urllib.parse import parse_qs, urlsplit

import pytest

from accounts.factories import UserFactory
from posts.models import Post
from search.pages import encode_cursor
from search.tests.helpers import API_SEARCH_URL, api_post_ids, api_results, follow, write


def assert_validation_error(response, field: str) -> None:
    assert response.status_code == 400, response.content
    error = response.json()["error"]
    assert error["code"] == "validation_error"
    assert error["message"]
    assert list(error["fields"]) == [field]
    assert error["fields"][field]


def test_posts_are_the_default_kind_with_highlight_and_the_usual_post_fields(api_client, alice):
    post = write(alice, "She runs every morning")

    response = api_client.get(API_SEARCH_URL, {"q": "running"})

    assert response.status_code == 200
    page = response.json()
    assert page["next"] is None
    assert page["previous"] is None
    [result] = page["results"]
    assert result["id"] == post.pk
    assert result["body"] == "She runs every morning"
    assert result["author"]["username"] == "alice"
    assert result["highlight"] == "She <mark>runs</mark> every morning"


def test_the_highlight_field_escapes_html(api_client, alice):
    write(alice, "<script>alert(1)</script> coffee")

    [result] = api_results(api_client, "coffee")

    assert "<script>" not in result["highlight"]
    assert result["highlight"].startswith("&lt;script&gt;alert(1)&lt;/script&gt;")
    assert result["highlight"].endswith("<mark>coffee</mark>")


def test_api_posts_search_respects_visibility(api_client, api_as, alice, bob, follower):
    public = write(alice, "Gardening in public")
    private = write(alice, "Gardening for followers", Post.Visibility.FOLLOWERS)

    assert api_post_ids(api_client, "gardening") == [public.pk]
    assert api_post_ids(api_as(bob), "gardening") == [public.pk]
    assert sorted(api_post_ids(api_as(follower), "gardening")) == sorted([public.pk, private.pk])
    assert sorted(api_post_ids(api_as(alice), "gardening")) == sorted([public.pk, private.pk])


def test_api_posts_search_marks_liked_posts(api_as, alice, bob):
    from posts import services as posts_services

    liked = write(alice, "Coffee one")
    other = write(alice, "Coffee two")
    posts_services.like_create(user=bob, post=liked)

    results = api_results(api_as(bob), "coffee")

    assert {result["id"]: result["liked_by_me"] for result in results} == {liked.pk: True, other.pk: False}


def test_users_kind_finds_people_with_followed_by_me(api_as, alice, db):
    followed = UserFactory(username="marta_followed", display_name="Marta F")
    UserFactory(username="marta_other", display_name="Marta O")
    follow(alice, followed)

    results = api_results(api_as(alice), "marta", type="users")

    assert [(result["username"], result["followed_by_me"]) for result in results] == [
        ("marta_followed", True),
        ("marta_other", False),
    ]
    assert results[0]["html_url"] == "http://testserver" + followed.get_absolute_url()


def test_tags_kind_finds_tags_by_prefix_with_counts_and_urls(api_client, alice):
    write(alice, "#django #djangocon")
    write(alice, "#django again")
    write(alice, "#flask")

    results = api_results(api_client, "#djan", type="tags")

    assert [(result["name"], result["post_count"]) for result in results] == [("django", 2), ("djangocon", 1)]
    assert results[0]["url"] == "http://testserver/tags/django/"


def test_walking_every_page_with_page_size_returns_each_post_once_in_order(api_client, alice):
    posts = [write(alice, f"Coffee note number {number}") for number in range(7)]

    seen, url, pages = [], API_SEARCH_URL + "?q=coffee&page_size=3", 0
    while url:
        response = api_client.get(url)
        assert response.status_code == 200
        body = response.json()
        assert len(body["results"]) <= 3
        seen += [result["id"] for result in body["results"]]
        url, pages = body["next"], pages + 1

    assert pages == 3
    assert seen == [post.pk for post in reversed(posts)]


def test_the_next_link_keeps_the_query_kind_and_page_size(api_client, alice):
    for number in range(3):
        write(alice, f"#tea{number}")

    body = api_client.get(API_SEARCH_URL, {"q": "tea", "type": "tags", "page_size": 2}).json()

    query = parse_qs(urlsplit(body["next"]).query)
    assert body["next"].startswith("http://testserver/api/threadly/v1/search?")
    assert query["q"] == ["tea"]
    assert query["type"] == ["tags"]
    assert query["page_size"] == ["2"]
    second = api_client.get(body["next"]).json()
    assert len(body["results"]) + len(second["results"]) == 3
    assert second["next"] is None


def test_a_page_stays_consistent_when_a_matching_post_arrives_between_pages(api_client, alice, bob):
    """Reading on while someone posts must neither repeat nor skip the older results."""
    posts = [write(alice, f"Cycling diary day {number}") for number in range(4)]
    first = api_client.get(API_SEARCH_URL, {"q": "cycling", "page_size": 2}).json()

    write(bob, "Cycling cycling cycling: a whole post about cycling and nothing else")
    second = api_client.get(first["next"]).json()

    ids = [result["id"] for result in first["results"] + second["results"]]
    assert ids == [post.pk for post in reversed(posts)]


@pytest.mark.parametrize("page_size", ["0", "101", "-1", "ten", "2.5", "１"])
def test_page_size_outside_1_to_100_is_a_400(api_client, alice, page_size):
    write(alice, "Coffee")

    response = api_client.get(API_SEARCH_URL, {"q": "coffee", "page_size": page_size})

    assert_validation_error(response, "page_size")


@pytest.mark.parametrize("page_size", ["1", "100"])
def test_page_size_limits_are_accepted(api_client, alice, page_size):
    write(alice, "Coffee")

    assert len(api_results(api_client, "coffee", page_size=page_size)) == 1


@pytest.mark.parametrize(
    "cursor",
    [
        "garbage",
        "!!!",
        "é",
        encode_cursor(1.0, 0),
        encode_cursor(1.0, -5),
        "WzEuMCwgdHJ1ZV0",  # [1.0, true]
        "WyJhIiwgMV0",  # ["a", 1]
        "WzEsIDIsIDNd",  # [1, 2, 3]
        "e30",  # {}
        "WzFlOTk5LCAxXQ",  # [1e999, 1]
        "WzEuMCwgMTAwMDAwMDAwMDAwMDAwMDAwMDAwXQ",  # [1.0, 10**20]
    ],
)
@pytest.mark.parametrize("kind", ["posts", "users", "tags"])
def test_a_bad_cursor_is_a_400_on_the_cursor_field(api_client, alice, cursor, kind):
    write(alice, "Coffee #coffee")

    response = api_client.get(API_SEARCH_URL, {"q": "coffee", "type": kind, "cursor": cursor})

    assert_validation_error(response, "cursor")


def test_an_unknown_type_is_a_400_on_the_type_field(api_client, db):
    assert_validation_error(api_client.get(API_SEARCH_URL, {"q": "coffee", "type": "junk"}), "type")


@pytest.mark.parametrize("params", [{}, {"q": ""}, {"q": "   "}, {"q": "\x00"}, {"q": "\t\n\x07"}])
def test_an_empty_query_is_a_400_on_the_q_field(api_client, db, params):
    response = api_client.get(API_SEARCH_URL, params)

    assert_validation_error(response, "q")
    assert response.json()["error"]["fields"]["q"] == ["Type something to search for."]


def test_a_query_over_the_limit_is_a_400_that_says_the_limit(api_client, db, settings):
    response = api_client.get(API_SEARCH_URL, {"q": "a" * 10_000})

    assert_validation_error(response, "q")
    assert str(settings.SEARCH_QUERY_MAX_LENGTH) in response.json()["error"]["fields"]["q"][0]


def test_a_query_at_the_limit_is_accepted(api_client, alice, settings):
    write(alice, "Coffee")

    every_word = "coffee " + "x" * (settings.SEARCH_QUERY_MAX_LENGTH - len("coffee "))
    either_word = "coffee or " + "x" * (settings.SEARCH_QUERY_MAX_LENGTH - len("coffee or "))
    assert len(every_word) == len(either_word) == settings.SEARCH_QUERY_MAX_LENGTH

    assert api_results(api_client, every_word) == []
    assert len(api_results(api_client, either_word)) == 1
