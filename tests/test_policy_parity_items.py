"""Single posts and replies asked through both doors by every kind of viewer, against one table."""

import pytest
from django.urls import reverse

from posts.tests.policy_world import POSTS, REPLIES, SEES_POST, SEES_REPLY

pytestmark = pytest.mark.django_db


def test_a_post_opens_at_both_doors_for_the_same_viewers(world, doors):
    for role, (page, api) in doors.items():
        statuses = {}
        for name in POSTS:
            post = world.posts[name]
            on_page = page.get(post.get_absolute_url()).status_code
            in_api = api.get(reverse("api:post-detail", args=[post.pk])).status_code
            statuses[name] = (on_page, in_api)
        expected = {name: (200, 200) if name in SEES_POST[role].split() else (404, 404) for name in POSTS}
        assert statuses == expected, role


def test_a_reply_opens_at_both_doors_for_the_same_viewers(world, doors):
    """A reply is a post: its page and the API's post open for the same viewers."""
    for role, (page, api) in doors.items():
        statuses = {}
        for name in REPLIES:
            reply = world.replies[name]
            on_page = page.get(reply.get_absolute_url()).status_code
            in_api = api.get(reverse("api:post-detail", args=[reply.pk])).status_code
            statuses[name] = (on_page, in_api)
        expected = {name: (200, 200) if name in SEES_REPLY[role].split() else (404, 404) for name in REPLIES}
        assert statuses == expected, role


def flags_on_page(html: str, post) -> dict[str, bool]:
    return {
        "can_edit": f'href="/posts/{post.pk}/edit/"' in html,
        "can_delete": f'href="/posts/{post.pk}/delete/"' in html,
        "can_report": f'href="/posts/{post.pk}/report/"' in html,
        "can_reply": f'action="/posts/{post.pk}/reply/"' in html,
    }


def test_a_posts_actions_are_the_same_at_both_doors(world, doors):
    """The page's links and reply form follow the policy's flags, which the API also answers."""
    post = world.posts["public"]
    expected = {
        "anonymous": set(),
        "author": {"can_edit", "can_delete", "can_reply"},
        "follower": {"can_report", "can_reply"},
        "stranger": {"can_report", "can_reply"},
        "muted": {"can_report", "can_reply"},
        "moderator": {"can_delete", "can_report", "can_reply"},
    }
    for role, flags in expected.items():
        page, api = doors[role]
        on_page = flags_on_page(page.get(post.get_absolute_url()).content.decode(), post)
        in_api = api.get(reverse("api:post-detail", args=[post.pk])).json()
        assert {flag for flag, shown in on_page.items() if shown} == flags, role
        assert {flag for flag in on_page if in_api[flag]} == flags, role
