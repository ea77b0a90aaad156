"""People search (prefix, display name, followed first; typos on PostgreSQL), tag search and trending tags."""

import re

import pytest
from django.urls import reverse

from accounts.factories import UserFactory
from posts import services as posts_services
from posts.models import Post
from search.tests.helpers import SEARCH_URL, backdate, follow, write

TRENDING_URL = reverse("search:trending")


def usernames_on(response) -> list[str]:
    assert response.status_code == 200, response.content.decode()[:500]
    return re.findall(r'<span class="handle">@([\w.-]+)</span>', response.content.decode())


def people_found(client, text: str) -> list[str]:
    return usernames_on(client.get(SEARCH_URL, {"q": text, "type": "people"}))


def tags_found(client, text: str) -> list[tuple[str, int]]:
    response = client.get(SEARCH_URL, {"q": text, "type": "tags"})
    assert response.status_code == 200
    return [
        (name, int(count))
        for name, count in re.findall(
            r'>#([^<]+)</a> <span class="meta">(\d+) posts?</span>', response.content.decode()
        )
    ]


def trending_on(response) -> list[tuple[str, int]]:
    assert response.status_code == 200
    return [
        (name, int(count))
        for name, count in re.findall(
            r">#([^<]+)</a> <span class=\"meta\">(\d+) posts? today", response.content.decode()
        )
    ]


# People


def test_people_are_found_by_username_prefix_before_anything_looser(client, db):
    UserFactory(username="marguerite", display_name="Peggy")
    UserFactory(username="margo", display_name="M")
    UserFactory(username="amargo", display_name="Someone")
    UserFactory(username="zed", display_name="Z")

    found = people_found(client, "marg")

    # Only PostgreSQL's trigram similarity also finds "amargo" (after the prefix matches).
    assert sorted(found[:2]) == ["margo", "marguerite"]
    assert found[2:] in ([], ["amargo"])


def test_an_at_sign_and_capitals_in_the_query_are_ignored(client, db):
    UserFactory(username="Marguerite", display_name="Peggy")

    assert people_found(client, "@MARG") == ["Marguerite"]


def test_people_are_found_by_display_name(client, db):
    UserFactory(username="user_a", display_name="Lucia Fernández")
    UserFactory(username="user_b", display_name="Somebody Else")

    assert people_found(client, "lucia") == ["user_a"]


def test_an_exact_username_ranks_above_a_longer_one(client, db):
    UserFactory(username="annabel", display_name="X")
    UserFactory(username="anna", display_name="Y")

    assert people_found(client, "anna") == ["anna", "annabel"]


def test_people_you_follow_come_first(client, alice, db):
    UserFactory(username="sam", display_name="S")
    followed = UserFactory(username="samantha", display_name="Sam T")
    follow(alice, followed)
    client.force_login(alice)

    assert people_found(client, "sam")[0] == "samantha"


def test_inactive_accounts_are_not_found(client, db):
    UserFactory(username="ghostly", display_name="Ghost", is_active=False)
    UserFactory(username="ghost_active", display_name="Ghost Active")

    assert people_found(client, "ghost") == ["ghost_active"]


def test_people_results_carry_follow_buttons(client, alice, db):
    followed = UserFactory(username="pablo_one", display_name="Pablo One")
    UserFactory(username="pablo_two", display_name="Pablo Two")
    follow(alice, followed)
    client.force_login(alice)

    html = client.get(SEARCH_URL, {"q": "pablo", "type": "people"}).content.decode()

    assert reverse("social:unfollow", args=["pablo_one"]) in html
    assert reverse("social:follow", args=["pablo_two"]) in html
    assert 'aria-pressed="true">Unfollow<span class="visually-hidden"> @pablo_one' in html
    assert 'aria-pressed="false">Follow<span class="visually-hidden"> @pablo_two' in html


def test_people_results_for_anonymous_visitors_link_to_log_in(client, db):
    UserFactory(username="pablo", display_name="Pablo")

    html = client.get(SEARCH_URL, {"q": "pablo", "type": "people"}).content.decode()

    assert f"{reverse('accounts:login')}?next=" in html
    assert "follow-form" not in html


def test_nobody_matching_says_so(client, db):
    response = client.get(SEARCH_URL, {"q": "zzzz", "type": "people"})

    assert usernames_on(response) == []
    assert "Nobody matches “zzzz”." in response.content.decode()


@pytest.mark.postgres
@pytest.mark.parametrize(
    ("typo", "username", "display_name"), [("micheal", "mike_b", "Michael Brown"), ("alcie", "alice", "")]
)
def test_people_search_tolerates_typos_on_postgresql(client, db, typo, username, display_name):
    UserFactory(username=username, display_name=display_name)
    UserFactory(username="unrelated", display_name="Zed Zed")

    assert people_found(client, typo) == [username]


@pytest.mark.postgres
def test_a_closer_spelling_ranks_above_a_looser_one_on_postgresql(client, db):
    UserFactory(username="michaela_x", display_name="Michaela")
    UserFactory(username="mike_b", display_name="Michael")

    assert people_found(client, "michael") == ["mike_b", "michaela_x"]


# Tags


def test_tags_are_found_by_prefix_most_used_first(client, alice):
    write(alice, "#pythonista")
    write(alice, "#python #pythonista")
    write(alice, "#python")
    write(alice, "#python")
    write(alice, "#rust #jython")

    assert tags_found(client, "pyth") == [("python", 3), ("pythonista", 2)]


def test_a_leading_hash_and_capitals_are_ignored_in_tag_search(client, alice):
    write(alice, "#Python")

    assert tags_found(client, "#PYT") == [("python", 1)]


def test_tag_results_link_to_the_tag_page(client, alice):
    write(alice, "#python")

    html = client.get(SEARCH_URL, {"q": "py", "type": "tags"}).content.decode()

    assert f'href="{reverse("search:tag", args=["python"])}"' in html


def test_tag_search_treats_like_wildcards_literally(client, alice):
    write(alice, "#python #py_thon")

    assert tags_found(client, "py%") == []
    assert tags_found(client, "py_") == [("py_thon", 1)]


def test_no_tag_matching_says_so(client, db):
    response = client.get(SEARCH_URL, {"q": "nothing", "type": "tags"})

    assert "No tags start with “nothing”." in response.content.decode()


# Trending


def test_trending_counts_public_posts_of_the_last_24_hours_most_used_first(client, alice, follower):
    write(alice, "#coffee #tea")
    write(alice, "#coffee")
    write(alice, "#tea #coffee")
    write(alice, "#secret #secret", Post.Visibility.FOLLOWERS)
    write(alice, "#coffee", Post.Visibility.FOLLOWERS)
    backdate(write(alice, "#yesterday #tea"), hours=25)
    backdate(write(alice, "#tea"), hours=25)

    assert trending_on(client.get(TRENDING_URL)) == [("coffee", 3), ("tea", 2)]


def test_trending_lists_at_most_ten_tags_ties_by_name(client, alice):
    for number in range(12):
        write(alice, f"#tag{number:02}")

    trending = trending_on(client.get(TRENDING_URL))

    assert trending == [(f"tag{number:02}", 1) for number in range(10)]


def test_trending_is_cached_until_the_cache_is_cleared(client, alice):
    from django.core.cache import cache

    write(alice, "#coffee")
    assert trending_on(client.get(TRENDING_URL)) == [("coffee", 1)]

    write(alice, "#coffee #tea")
    assert trending_on(client.get(TRENDING_URL)) == [("coffee", 1)]

    cache.clear()
    assert trending_on(client.get(TRENDING_URL)) == [("coffee", 2), ("tea", 1)]


def test_trending_is_served_from_the_cache_without_queries(client, alice, django_assert_num_queries):
    write(alice, "#coffee")
    client.get(TRENDING_URL)

    with django_assert_num_queries(0):
        response = client.get(TRENDING_URL)

    assert trending_on(response) == [("coffee", 1)]


def test_trending_box_without_tags_says_so(client, db):
    response = client.get(TRENDING_URL)

    assert response.status_code == 200
    assert "No tags used in the last 24 hours." in response.content.decode()
    assert "<html" not in response.content.decode()


@pytest.mark.parametrize("url", [SEARCH_URL, reverse("social:explore")])
def test_the_search_and_explore_pages_load_the_trending_box_lazily(client, db, url):
    html = client.get(url).content.decode()

    assert f'hx-get="{TRENDING_URL}" hx-trigger="load"' in html


def test_deleted_posts_leave_trending_once_the_cache_expires(client, alice):
    from django.core.cache import cache

    post = write(alice, "#gone")
    posts_services.post_delete(post=post, actor=alice)
    cache.clear()

    assert trending_on(client.get(TRENDING_URL)) == []
