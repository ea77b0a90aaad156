"""The pinned posts through both doors: the profile page's pinned section and users/{u}/pinned."""

import re

import pytest

from accounts.factories import UserFactory
from posts import pins, services
from posts.models import Post
from social.services import block_create, follow_create


def pinned_on(page: str) -> list[int]:
    return [int(post_id) for post_id in re.findall(r'id="post-(\d+)">\s*<p class="pinned-label', page)]


@pytest.mark.parametrize("viewer_name", ["author", "follower", "stranger", "blocked", "visitor"])
def test_pinned_posts_are_the_same_through_both_doors(client, api_as, api_client, db, viewer_name):
    author = UserFactory(username="author")
    viewers = {name: UserFactory(username=name) for name in ("follower", "stranger", "blocked")}
    viewers["author"] = author
    follow_create(follower=viewers["follower"], followee=author)
    block_create(blocker=viewers["blocked"], blocked=author)
    public = [services.post_create(author=author, body=f"post {number}") for number in range(3)]
    secret = services.post_create(author=author, body="Followers only", visibility=Post.Visibility.FOLLOWERS)
    for post in (public[0], secret, public[2]):
        pins.post_pin(user=author, post=post)
    viewer = viewers.get(viewer_name)
    api = api_as(viewer) if viewer else api_client
    if viewer:
        client.force_login(viewer)

    page_pinned = pinned_on(client.get(author.get_absolute_url()).content.decode())
    api_pinned = [item["id"] for item in api.get("/api/threadly/v1/users/author/pinned").json()["results"]]

    assert page_pinned == api_pinned
    expected = {
        "author": [public[2].pk, secret.pk, public[0].pk],
        "follower": [public[2].pk, secret.pk, public[0].pk],
        "stranger": [public[2].pk, public[0].pk],
        "blocked": [],
        "visitor": [public[2].pk, public[0].pk],
    }
    assert api_pinned == expected[viewer_name]
