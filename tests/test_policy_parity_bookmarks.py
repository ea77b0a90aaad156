"""The bookmarks list asked through both doors, the page and the API, by every kind of viewer.

Every viewer kept every post of the world (before the blocks and removals, as it were); each door
shows the ones the viewer may still see, the same ones, and nobody else's bookmarks.
"""

import pytest
from django.urls import reverse

from posts.models import Bookmark
from posts.tests.helpers import post_ids_on
from posts.tests.policy_world import SEES_POST, VIEWERS

pytestmark = pytest.mark.django_db


def test_bookmarks(world, doors):
    kept_by = [who for who in world.viewers.values() if who.is_authenticated]
    Bookmark.objects.bulk_create([Bookmark(user=who, post=post) for who in kept_by for post in world.posts.values()])

    for role in VIEWERS[1:]:
        page, api = doors[role]
        on_page = post_ids_on(page.get(reverse("posts:bookmarks")))
        in_api = api.get(reverse("api:bookmark-list"))
        assert in_api.status_code == 200
        assert on_page == [item["id"] for item in in_api.json()["results"]] == world.post_ids(SEES_POST[role]), role


def test_visitors_have_no_bookmarks_at_either_door(doors):
    page, api = doors["anonymous"]

    assert page.get(reverse("posts:bookmarks")).status_code == 302
    assert api.get(reverse("api:bookmark-list")).status_code == 401
