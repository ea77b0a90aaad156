"""Avatars beside notifications: each group shows its people's pictures (or their initial), at no query's cost."""

import re

import pytest
from django.urls import reverse

from accounts.factories import UserFactory
from accounts.models import User
from images.factories import ImageFactory
from posts import services as posts
from posts.tests.helpers import MANY, assert_query_budget
from social.services import follow_create
from tests.budgets import SESSION_QUERIES

pytestmark = pytest.mark.django_db

LIST_URL = reverse("notifications:list")
# As the page's own budget test: session (unless cached), user, one page with the actors.
NOTIFICATION_PAGE_BUDGET = SESSION_QUERIES + 2


def avatars_on(response) -> list[str]:
    """Each group's avatars: the picture's address, or "initial:X" for one without a picture."""
    groups = re.findall(
        r'<div class="notification-avatars" aria-hidden="true">(.*?)</div>', response.content.decode(), re.S
    )
    return [
        re.findall(
            r'<img class="avatar" src="([^"]+)"|<span class="avatar avatar-initial" aria-hidden="true">(.)<', group
        )
        for group in groups
    ]


def test_a_follow_shows_the_followers_avatar_and_one_without_a_picture_its_initial(alice, client, delivered):
    pictured = UserFactory(username="pic", display_name="Pic")
    avatar = ImageFactory(uploader=pictured, purpose="avatar")
    User.objects.filter(pk=pictured.pk).update(avatar_image=avatar)
    plain = UserFactory(username="plain", display_name="Plain")
    with delivered():
        follow_create(follower=plain, followee=alice)
    with delivered():
        posts.post_create(author=pictured, body="Hi @alice")
    client.force_login(alice)

    groups = avatars_on(client.get(LIST_URL))

    assert groups == [[(avatar.thumbnail.url, "")], [("", "P")]]


def test_a_group_shows_the_avatars_of_its_people(alice, client, delivered):
    with delivered():
        for name in ("ann", "bea", "cid"):
            follow_create(follower=UserFactory(username=name, display_name=name.title()), followee=alice)
    client.force_login(alice)

    assert avatars_on(client.get(LIST_URL)) == [[("", "C"), ("", "B"), ("", "A")]]


def test_avatars_keep_the_page_budget(alice, client, delivered, django_assert_num_queries, settings):
    settings.PAGE_SIZE = MANY

    def add_mentions(count: int) -> None:
        authors = UserFactory.create_batch(count)
        for author in authors:
            User.objects.filter(pk=author.pk).update(avatar_image=ImageFactory(uploader=author, purpose="avatar"))
        with delivered():
            for author in authors:
                posts.post_create(author=author, body="Hello @alice")

    add_mentions(1)
    client.force_login(alice)

    assert_query_budget(
        django_assert_num_queries,
        budget=NOTIFICATION_PAGE_BUDGET,
        fetch=lambda: client.get(LIST_URL),
        count_items=lambda response: response.content.decode().count('<img class="avatar" src="/media/thumbnails/'),
        add_many=add_mentions,
    )
