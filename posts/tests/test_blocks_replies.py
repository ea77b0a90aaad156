"""Blocks reach replies and the API's list of someone's posts as they reach the profile page (issue 10, 2.7)."""

import re

import pytest
from django.urls import reverse

from posts import services
from posts.tests.helpers import post_ids_on
from social.services import block_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def alices_reply(alice, bob, carol):
    """alice replies on carol's public post, then blocks bob."""
    post = services.post_create(author=carol, body="Open to all")
    reply = services.post_create(author=alice, body="alice was here", in_reply_to=post)
    block_create(blocker=alice, blocked=bob)
    return reply


def test_the_api_does_not_list_the_posts_of_someone_you_blocked(api_as, client, alice, bob):
    services.post_create(author=bob, body="Still here")
    block_create(blocker=alice, blocked=bob)
    client.force_login(alice)

    response = api_as(alice).get(reverse("api:user-posts", args=["bob"]))

    assert response.status_code == 200
    assert response.json()["results"] == []
    assert post_ids_on(client.get("/@bob")) == []


def test_a_blocked_person_cannot_open_the_blockers_reply_through_the_api(api_as, bob, alices_reply):
    response = api_as(bob).get(reverse("api:post-detail", args=[alices_reply.pk]))

    assert response.status_code == 404


def test_a_blocked_person_cannot_report_the_blockers_reply(client, bob, alices_reply):
    client.force_login(bob)

    response = client.get(reverse("moderation:report_post", args=[alices_reply.pk]))

    assert response.status_code == 404


def test_a_blocked_person_does_not_see_the_blockers_reply_in_the_replies(api_as, client, bob, alices_reply):
    post = alices_reply.in_reply_to
    client.force_login(bob)

    page = client.get(post.get_absolute_url()).content.decode()
    listed = api_as(bob).get(reverse("api:post-replies", args=[post.pk])).json()["results"]

    assert f'id="reply-{alices_reply.pk}"' not in page
    assert listed == []


def test_the_blocker_does_not_see_the_blocked_persons_reply_either(api_as, alice, bob, carol):
    post = services.post_create(author=carol, body="Open to all")
    reply = services.post_create(author=bob, body="bob was here", in_reply_to=post)
    block_create(blocker=alice, blocked=bob)

    assert api_as(alice).get(reverse("api:post-detail", args=[reply.pk])).status_code == 404
    assert api_as(alice).get(reverse("api:post-replies", args=[post.pk])).json()["results"] == []


def test_a_stranger_still_sees_both(api_as, client, alices_reply, carol):
    post = alices_reply.in_reply_to
    client.force_login(carol)

    page = client.get(post.get_absolute_url()).content.decode()

    assert re.search(rf'id="reply-{alices_reply.pk}"', page)
    assert api_as(carol).get(reverse("api:post-detail", args=[alices_reply.pk])).status_code == 200


def test_a_blocked_person_cannot_reply_to_the_blockers_reply(api_as, client, bob, alices_reply):
    client.force_login(bob)

    on_page = client.post(reverse("posts:reply", args=[alices_reply.pk]), {"body": "Hi"})
    in_api = api_as(bob).post(reverse("api:post-list"), {"body": "Hi", "in_reply_to": alices_reply.pk}, format="json")

    assert (on_page.status_code, in_api.status_code) == (404, 400)
    assert not alices_reply.replies.exists()


def test_a_reply_to_the_blocker_s_post_is_hidden_from_the_blocked_person_whoever_wrote_it(api_as, alice, bob, carol):
    """A reply is seen only with its parent: carol's public reply does not show bob what alice wrote it under."""
    post = services.post_create(author=alice, body="Not for bob")
    carols_reply = services.post_create(author=carol, body="Agreed", in_reply_to=post)
    block_create(blocker=alice, blocked=bob)

    assert api_as(bob).get(reverse("api:post-detail", args=[carols_reply.pk])).status_code == 404
    assert api_as(carol).get(reverse("api:post-detail", args=[carols_reply.pk])).status_code == 200
