"""Awkward queries: never a 500, always a clear message or a sensible result, on the page and the API."""

import pytest

from posts.models import Post
from posts.tests.helpers import post_ids_on
from search.tests.helpers import API_SEARCH_URL, SEARCH_URL, api_post_ids, found_post_ids, write

AWKWARD = [
    '"unbalanced',
    "-",
    "or",
    '"',
    "'; DROP TABLE posts_post; --",
    "!(&|:*)",
    "a & b | !c <-> d",
    "coffee\x07\x1b\x7f",
    "😀 coffee",
    "日本語",
    "مرحبا",
    "NEAR(coffee tea)",
    "coffee*",
    "body:coffee",
    "^coffee",
    "((",
    '""""""',
    "-coffee -tea",
    "or or or",
    "\\",
    "%_%",
    "friend --coffee",
    "friend - coffee",
    "x" * 256,
]


@pytest.fixture
def corpus(alice):
    return {
        "coffee": write(alice, "Coffee with a friend"),
        "letters": write(alice, "a b c d"),
        "unbalanced": write(alice, "An unbalanced diet"),
        "japanese": write(alice, "I study 日本語 every day"),
        "arabic": write(alice, "مرحبا بالعالم"),
        "tea": write(alice, "Tea with a friend"),
    }


@pytest.mark.parametrize("kind", ["posts", "people", "tags"])
@pytest.mark.parametrize("text", AWKWARD)
def test_awkward_queries_never_fail_on_the_page(client, corpus, text, kind):
    response = client.get(SEARCH_URL, {"q": text, "type": kind})

    assert response.status_code == 200
    assert Post.objects.count() == len(corpus)


@pytest.mark.parametrize("kind", ["posts", "users", "tags"])
@pytest.mark.parametrize("text", AWKWARD)
def test_awkward_queries_never_fail_in_the_api(api_client, corpus, text, kind):
    response = api_client.get(API_SEARCH_URL, {"q": text, "type": kind})

    assert response.status_code == 200, response.content
    assert isinstance(response.json()["results"], list)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"unbalanced', ["unbalanced"]),
        ('coffee "with a', ["coffee"]),
        ("-", []),
        ("or", []),
        ('"', []),
        ("!(&|:*)", []),
        ("'; DROP TABLE posts_post; --", []),
        ("a & b | !c <-> d", ["letters"]),
        ("coffee\x07\x1b\x7f", ["coffee"]),
        ("😀 coffee", ["coffee"]),
        ("日本語", ["japanese"]),
        ("مرحبا", ["arabic"]),
        ("coffee or", ["coffee"]),
        ("or coffee", ["coffee"]),
        ("friend -", ["coffee", "tea"]),
    ],
)
def test_awkward_queries_give_sensible_results(client, api_client, corpus, text, expected):
    expected_ids = sorted(corpus[name].pk for name in expected)

    assert sorted(found_post_ids(client, text)) == expected_ids
    assert sorted(api_post_ids(api_client, text)) == expected_ids


def test_only_excluded_words_find_nothing_on_either_backend(client, api_client, corpus):
    """A query of exclusions alone has nothing to look for: no results, the same on both backends.

    (Listing every other post instead would be a scan of the whole table that no index serves.)
    """
    assert found_post_ids(client, "-coffee") == []
    assert api_post_ids(api_client, "-coffee") == []


def test_a_10000_character_query_is_a_form_error_on_the_page(client, corpus, settings):
    response = client.get(SEARCH_URL, {"q": "coffee " * 1500})

    html = response.content.decode()
    assert response.status_code == 400
    assert 'id="search-errors" role="alert"' in html
    assert f"Search for at most {settings.SEARCH_QUERY_MAX_LENGTH} characters" in html
    assert post_ids_on(response) == []
    assert "coffee coffee" not in html


def test_a_nul_character_is_a_clear_form_error_or_ignored_never_a_500(client, api_client, corpus):
    response = client.get(SEARCH_URL, {"q": "coffee\x00"})
    assert response.status_code in (200, 400)
    if response.status_code == 400:
        assert "Null characters are not allowed." in response.content.decode()
    else:
        assert post_ids_on(response) == [corpus["coffee"].pk]

    assert api_post_ids(api_client, "coffee\x00") == [corpus["coffee"].pk]


def test_html_in_the_query_is_escaped_in_the_no_match_message(client, corpus):
    response = client.get(SEARCH_URL, {"q": "<b>zebra</b>"})

    html = response.content.decode()
    assert "No posts match “&lt;b&gt;zebra&lt;/b&gt;”." in html
    assert "<b>zebra" not in html
