"""A post's edit history asked through both doors by every kind of viewer: it opens for exactly who may see
the post (SEES_POST), with the same versions on the page and in the API."""

import re

import pytest
from django.urls import reverse

from posts import services
from posts.models import Post, PostEdit
from posts.tests.policy_world import POSTS, SEES_POST

pytestmark = pytest.mark.django_db


@pytest.fixture
def edited(world):
    """Every post of the world edited once (the suspended author's version written as a row, since a
    suspended person cannot edit)."""
    for post in world.posts.values():
        if post.author.is_active:
            services.post_update(post=post, editor=post.author, body=f"{post.body} edited", visibility=post.visibility)
        else:
            PostEdit.objects.create(post=post, body=post.body, visibility=post.visibility, written_at=post.created_at)
    return world


def versions_on_page(response) -> list[int]:
    return [int(pk) for pk in re.findall(r'id="version-(\d+)"', response.content.decode())]


def test_the_history_opens_at_both_doors_for_who_may_see_the_post(edited, doors):
    for role, (page, api) in doors.items():
        answers, expected = {}, {}
        for name in POSTS:
            post = edited.posts[name]
            on_page = page.get(reverse("posts:history", args=[post.pk]))
            in_api = api.get(reverse("api:post-history", args=[post.pk]))
            shown = None
            if in_api.status_code == 200:
                shown = (versions_on_page(on_page), [item["id"] for item in in_api.json()["results"]])
            answers[name] = (on_page.status_code, in_api.status_code, shown)
            kept = list(PostEdit.objects.filter(post=post).order_by("-id").values_list("id", flat=True))
            seen = name in SEES_POST[role].split()
            expected[name] = (200, 200, (kept, kept)) if seen else (404, 404, None)
        assert answers == expected, role


def test_every_post_of_the_world_has_a_version_to_hide(edited):
    for post in edited.posts.values():
        assert PostEdit.objects.filter(post=post).exists()
    assert Post.objects.get(pk=edited.posts["removed"].pk).removed_at is not None
