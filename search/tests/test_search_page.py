"""The search page: the nav form, tabs, an empty query, "More results" with htmx, form errors."""

import pytest
from django.urls import reverse

from posts.tests.helpers import HTMX, assert_is_fragment, post_ids_on
from search.tests.helpers import SEARCH_URL, write


@pytest.mark.parametrize("url_name", ["social:explore", "search:search", "accounts:login"])
def test_the_navigation_has_a_search_form_for_visitors(client, db, url_name):
    html = client.get(reverse(url_name)).content.decode()

    assert f'<form class="nav-search" method="get" action="{SEARCH_URL}" role="search">' in html
    assert '<input id="nav-search-q" type="search" name="q"' in html


def test_the_navigation_has_a_search_form_for_members(client, alice):
    client.force_login(alice)

    html = client.get(reverse("social:home")).content.decode()

    assert f'action="{SEARCH_URL}" role="search"' in html


def test_the_search_page_caps_the_input_at_the_query_limit(client, db, settings):
    html = client.get(SEARCH_URL).content.decode()

    assert f'maxlength="{settings.SEARCH_QUERY_MAX_LENGTH}"' in html


@pytest.mark.parametrize("params", [{}, {"q": ""}, {"q": "   "}, {"q": "", "type": "people"}])
def test_an_empty_query_shows_a_prompt_not_an_error(client, db, params):
    response = client.get(SEARCH_URL, params)

    html = response.content.decode()
    assert response.status_code == 200
    assert f"Type something to search {params.get('type', 'posts')}." in html
    assert 'id="search-errors"' not in html


def test_the_tabs_keep_the_query_and_mark_the_current_one(client, db):
    html = client.get(SEARCH_URL, {"q": "coffee & tea", "type": "people"}).content.decode()

    assert '<a href="?q=coffee%20%26%20tea&amp;type=posts">Posts</a>' in html
    assert '<a href="?q=coffee%20%26%20tea&amp;type=people" aria-current="page">People</a>' in html
    assert '<a href="?q=coffee%20%26%20tea&amp;type=tags">Tags</a>' in html


def test_the_query_stays_in_the_box_escaped(client, db):
    html = client.get(SEARCH_URL, {"q": '"><script>x</script>'}).content.decode()

    assert 'value="&quot;&gt;&lt;script&gt;x&lt;/script&gt;"' in html
    assert "<script>x" not in html
    assert "<title>&quot;&gt;&lt;script&gt;x&lt;/script&gt; · Search · Threadly</title>" in html


def test_the_kind_of_search_is_kept_in_the_form(client, db):
    html = client.get(SEARCH_URL, {"q": "x", "type": "tags"}).content.decode()

    assert '<input type="hidden" name="type" value="tags">' in html


def test_posts_results_have_like_buttons_for_members(client, alice, bob):
    from posts import services as posts_services

    post = write(alice, "Coffee")
    posts_services.like_create(user=bob, post=post)
    client.force_login(bob)

    html = client.get(SEARCH_URL, {"q": "coffee"}).content.decode()

    assert reverse("posts:unlike", args=[post.pk]) in html
    assert 'aria-pressed="true"' in html


def test_more_results_pages_with_htmx_without_repeats(client, alice, settings):
    settings.PAGE_SIZE = 2
    posts = [write(alice, f"Coffee number {number}") for number in range(5)]
    newest_first = [post.pk for post in reversed(posts)]

    response = client.get(SEARCH_URL, {"q": "coffee"})
    assert post_ids_on(response) == newest_first[:2]
    seen = post_ids_on(response)
    more_url = response.context["more_url"]
    assert f'hx-get="{more_url.replace("&", "&amp;")}"' in response.content.decode()
    assert ">More results</a>" in response.content.decode()

    while more_url:
        response = client.get(SEARCH_URL + more_url, headers=HTMX)
        assert_is_fragment(response)
        seen += post_ids_on(response)
        more_url = response.context.get("more_url")

    assert seen == newest_first
    assert ">More results</a>" not in response.content.decode()


def test_more_results_without_htmx_renders_the_whole_page(client, alice, settings):
    settings.PAGE_SIZE = 1
    older = write(alice, "Coffee one")
    write(alice, "Coffee two")

    first = client.get(SEARCH_URL, {"q": "coffee"})
    response = client.get(SEARCH_URL + first.context["more_url"])

    assert "<html" in response.content.decode()
    assert post_ids_on(response) == [older.pk]


def test_more_results_for_people_and_tags(client, alice, settings):
    from accounts.factories import UserFactory

    settings.PAGE_SIZE = 1
    for name in ("tea_one", "tea_two"):
        UserFactory(username=name, display_name=name)
    write(alice, "#tea1 #tea2")

    for kind, marker in (("people", 'class="person"'), ("tags", 'href="/tags/tea')):
        first = client.get(SEARCH_URL, {"q": "tea", "type": kind})
        assert first.content.decode().count(marker) == 1
        second = client.get(SEARCH_URL + first.context["more_url"], headers=HTMX)
        assert_is_fragment(second)
        assert second.content.decode().count(marker) == 1
        assert "More results" not in second.content.decode()


@pytest.mark.parametrize("cursor", ["garbage", "WzEuMCwgMF0", "x" * 300])
def test_a_bad_cursor_is_the_broken_link_page(client, alice, cursor):
    write(alice, "Coffee")

    for headers in ({}, HTMX):
        response = client.get(SEARCH_URL, {"q": "coffee", "type": "posts", "cursor": cursor}, headers=headers)

        assert response.status_code == 400
        assert "This link is broken" in response.content.decode()
        assert f'<a href="{SEARCH_URL}?q=coffee&amp;type=posts">Go to the first page</a>' in response.content.decode()
        assert post_ids_on(response) == []


def test_an_unknown_type_is_a_form_error(client, db):
    response = client.get(SEARCH_URL, {"q": "coffee", "type": "junk"})

    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
