"""Who to follow through both doors: the "Who to follow" page and people/suggestions name the same
people in the same order, for every viewer of the policy's world (blocks, mutes, a suspension)."""

import re

import pytest

from posts.tests.policy_world import VIEWERS

SIGNED_IN = [viewer for viewer in VIEWERS if viewer != "anonymous"]


def usernames_on(page: str) -> list[str]:
    return re.findall(r'<li class="person">\s*<a class="author" href="/@(\w+)"', page)


@pytest.mark.parametrize("viewer", SIGNED_IN)
def test_suggestions_are_the_same_through_both_doors(doors, world, viewer):
    page, api = doors[viewer]

    on_page = usernames_on(page.get("/people/suggestions/").content.decode())
    in_api = [person["username"] for person in api.get("/api/threadly/v1/people/suggestions").json()["results"]]

    assert on_page == in_api
    me = world.viewers[viewer].username
    assert me not in in_api
    assert "sue" not in in_api  # Suspended.
    assert "oli" not in in_api  # Everyone follows him already.
    hidden = {"author": {"bea", "ben"}, "blocked": {"ana"}, "blocker": {"ana"}, "muted": {"ana"}}
    assert not hidden.get(viewer, set()) & set(in_api)
