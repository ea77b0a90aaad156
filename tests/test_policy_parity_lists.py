"""Every list asked through both doors, the page and the API, by every kind of viewer.

Each test asks one list for all viewers and compares three things per viewer: what the page
shows, what the API answers, and the table below, so that both doors being wrong together
fails too. Ids are read from the page's HTML (`id="post-…"`, `id="reply-…"`).
"""

import re

import pytest
from django.urls import reverse

from posts.tests.helpers import post_ids_on
from posts.tests.policy_world import VIEWERS

pytestmark = pytest.mark.django_db

HOME = {
    "anonymous": "public other",  # A visitor's home is Explore.
    "author": "public followers other",
    "follower": "public followers other",
    "stranger": "other",
    "blocked": "other",
    "blocker": "other",
    "muted": "other",
    "moderator": "other",
}
# Replies on home: those of people the viewer follows (or their own) to people they follow (or to
# them), not to someone they muted; a visitor's home, like Explore, has none.
HOME_REPLIES = {"author": "on_public by_author", "follower": "on_public by_follower by_author"}
EXPLORE = {
    "anonymous": "public other",
    "author": "public other",
    "follower": "public other",
    "stranger": "public other",
    "blocked": "other",
    "blocker": "other",
    "muted": "other",
    "moderator": "public other",
}
# ana's profile: None is a 404 (she blocked them); her profile shows its posts to someone who muted her.
PROFILE = {
    "anonymous": "public",
    "author": "public followers",
    "follower": "public followers",
    "stranger": "public",
    "blocked": None,
    "blocker": "",
    "muted": "public followers",
    "moderator": "public",
}
# The tag page and a search for "parity" (every post has both).
TAGGED = {
    "anonymous": "public other",
    "author": "public followers other",
    "follower": "public followers other",
    "stranger": "public other",
    "blocked": "other",
    "blocker": "other",
    "muted": "other",
    "moderator": "public other",
}
# Replies of oli's post, oldest first; muted and blocked people's replies are left out of the list.
REPLIES_OF_OTHER = {
    "anonymous": "by_author by_follower",
    "author": "by_author by_follower",
    "follower": "by_author by_follower",
    "stranger": "by_author by_follower",
    "blocked": "by_follower",
    "blocker": "by_follower",
    "muted": "by_follower",
    "moderator": "by_author by_follower",
}
# Tag search counts are the same for everyone: only public, shown posts of active authors count.
TAG_COUNTS = {"tagx": 2, "seen": 2, "hidden": None}


def api_ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["results"]]


def page_ids(response) -> list[int]:
    assert response.status_code == 200
    return post_ids_on(response)


def expected_posts(world, table: dict) -> dict:
    return {role: None if names is None else world.post_ids(names) for role, names in table.items()}


def assert_both_doors(answers: dict, expected: dict) -> None:
    """`answers` maps each viewer to (page's ids, API's ids)."""
    assert {role: page for role, (page, _) in answers.items()} == {role: api for role, (_, api) in answers.items()}
    assert {role: page for role, (page, _) in answers.items()} == expected


def test_home(world, doors):
    """Asked twice: a first home page is the pull query's (the feed is built then), a second comes
    from the Redis feed when there is one (timelines); both doors, both times, say the same."""
    expected = {
        role: sorted(ids + world.reply_ids(HOME_REPLIES.get(role, "")), reverse=True)
        for role, ids in expected_posts(world, HOME).items()
    }
    for _ in range(2):
        answers = {}
        for role, (page, api) in doors.items():
            answers[role] = (page_ids(page.get("/", follow=True)), api_ids(api.get(reverse("api:post-list"))))
        assert_both_doors(answers, expected)


def test_explore(world, doors):
    answers = {}
    for role, (page, api) in doors.items():
        answers[role] = (page_ids(page.get("/explore/")), api_ids(api.get(reverse("api:post-public"))))
    assert_both_doors(answers, expected_posts(world, EXPLORE))


def test_profile(world, doors):
    answers = {}
    for role, (page, api) in doors.items():
        page_response, api_response = page.get("/@ana"), api.get(reverse("api:user-posts", args=["ana"]))
        if page_response.status_code == 404:
            assert api_response.status_code == 404
            answers[role] = (None, None)
        else:
            answers[role] = (page_ids(page_response), api_ids(api_response))
    assert_both_doors(answers, expected_posts(world, PROFILE))


def test_tag_page(world, doors):
    answers = {}
    for role, (page, api) in doors.items():
        answers[role] = (page_ids(page.get("/tags/tagx/")), api_ids(api.get(reverse("api:tag-posts", args=["tagx"]))))
    assert_both_doors(answers, expected_posts(world, TAGGED))


def test_search(world, doors):
    answers = {}
    for role, (page, api) in doors.items():
        query = {"q": "parity", "type": "posts"}
        on_page, in_api = page_ids(page.get("/search/", query)), api_ids(api.get(reverse("api:search"), query))
        answers[role] = (sorted(on_page, reverse=True), sorted(in_api, reverse=True))  # Ranked, not by date.
    assert_both_doors(answers, expected_posts(world, TAGGED))


def tag_counts_on(response) -> dict[str, int]:
    assert response.status_code == 200
    pattern = r'href="/tags/(\w+)/">#\w+</a> <span class="meta">(\d+) post'
    return {name: int(count) for name, count in re.findall(pattern, response.content.decode())}


def test_tag_search_counts(world, doors):
    expected = {name: count for name, count in TAG_COUNTS.items() if count is not None}
    for role, (page, api) in doors.items():
        on_page, in_api = {}, {}
        for text in TAG_COUNTS:
            on_page |= tag_counts_on(page.get("/search/", {"q": text, "type": "tags"}))
            response = api.get(reverse("api:search"), {"q": text, "type": "tags"})
            in_api |= {item["name"]: item["post_count"] for item in response.json()["results"]}
        assert on_page == in_api == expected, role


def reply_ids_on(response) -> list[int]:
    assert response.status_code == 200
    html = response.content.decode()
    return [int(pk) for pk in re.findall(r'<li class="thread-reply depth-\d+" id="reply-(\d+)"', html)]


def test_replies_of_a_post(world, doors):
    post = world.posts["other"]
    answers = {}
    for role, (page, api) in doors.items():
        api_response = api.get(reverse("api:post-replies", args=[post.pk]))
        answers[role] = (reply_ids_on(page.get(post.get_absolute_url())), api_ids(api_response))
    assert_both_doors(answers, {role: world.reply_ids(names) for role, names in REPLIES_OF_OTHER.items()})


def test_replies_of_a_post_hidden_from_the_viewer_are_a_404_at_both_doors(world, doors):
    post = world.posts["public"]
    for role, (page, api) in doors.items():
        hidden = role in {"blocked", "blocker"}
        page_response = page.get(post.get_absolute_url())
        api_response = api.get(reverse("api:post-replies", args=[post.pk]))
        if hidden:
            assert (page_response.status_code, api_response.status_code) == (404, 404), role
        else:
            assert reply_ids_on(page_response) == api_ids(api_response) == world.reply_ids("on_public"), role


# Notifications: (kind, post) of each; the page shows a post's words only where the post is visible.
NOTIFIED = {
    "author": {("reply", "reply:on_public")},
    "follower": {("mention", name) for name in ("public", "followers", "removed", "suspended")},
    "stranger": {("mention", "public"), ("mention", "removed")},
    "blocked": set(),
    "blocker": set(),
    "muted": set(),
    "moderator": {("mention", "public"), ("mention", "removed")},
}
POST_WORDS_SHOWN = {
    "author": "public",
    "follower": "public followers",
    "stranger": "public",
    "blocked": "",
    "blocker": "",
    "muted": "",
    "moderator": "public",
}


def test_notifications(world, doors):
    names = {post.pk: name for name, post in world.posts.items()}
    names |= {reply.pk: f"reply:{name}" for name, reply in world.replies.items()}
    for role in VIEWERS[1:]:
        page, api = doors[role]
        results = api.get(reverse("api:notifications")).json()["results"]
        content = page.get(reverse("notifications:list")).content.decode()

        assert {int(pk) for pk in re.findall(r'name="id" value="(\d+)"', content)} == {item["id"] for item in results}
        assert {(item["kind"], names[item["post"]]) for item in results} == NOTIFIED[role], role
        shown = {int(pk) for pk in re.findall(r'href="/posts/(\d+)/" class="excerpt"', content)}
        assert shown == set(world.post_ids(POST_WORDS_SHOWN[role])), role
