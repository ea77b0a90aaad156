"""Blocks reach replies and the API's list of someone's posts as they reach the profile page (issue 10, 2.7)."""

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
    reply = services.comment_create(post=post, author=alice, body="alice was here")
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
    response = api_as(bob).get(reverse("api:comment-detail", args=[alices_reply.pk]))

    assert response.status_code == 404


def test_a_blocked_person_cannot_report_the_blockers_reply(client, bob, alices_reply):
    client.force_login(bob)

    response = client.get(reverse("moderation:report_comment", args=[alices_reply.pk]))

    assert response.status_code == 404


def test_a_blocked_person_does_not_see_the_blockers_reply_in_the_replies(api_as, client, bob, alices_reply):
    post = alices_reply.post
    client.force_login(bob)

    page = client.get(post.get_absolute_url()).content.decode()
    listed = api_as(bob).get(reverse("api:post-comments", args=[post.pk])).json()["results"]

    assert f'id="comment-{alices_reply.pk}"' not in page
    assert listed == []


def test_the_blocker_does_not_see_the_blocked_persons_reply_either(api_as, alice, bob, carol):
    post = services.post_create(author=carol, body="Open to all")
    reply = services.comment_create(post=post, author=bob, body="bob was here")
    block_create(blocker=alice, blocked=bob)

    assert api_as(alice).get(reverse("api:comment-detail", args=[reply.pk])).status_code == 404
    assert api_as(alice).get(reverse("api:post-comments", args=[post.pk])).json()["results"] == []


def test_a_stranger_still_sees_both(api_as, alices_reply, carol):
    assert api_as(carol).get(reverse("api:comment-detail", args=[alices_reply.pk])).status_code == 200
