"""The composer and the reply box count characters as the server does (code points), not as `maxlength` does.

`maxlength` counts UTF-16 units, so an emoji took two and half the limit filled the box; the boxes carry
`data-max-chars` for js/char-counter.js instead, and without JavaScript the server's form error says it.
"""

import re

import pytest
from django.urls import reverse

from posts.factories import PostFactory
from posts.models import Post

EMOJI = "\N{SMILING FACE WITH SMILING EYES}"  # Outside the BMP: two UTF-16 units.


@pytest.fixture
def alice_client(client, alice):
    client.force_login(alice)
    return client


def textarea(content: str) -> str:
    return re.search(r"<textarea[^>]*>", content)[0]


@pytest.mark.parametrize("path", ["/", "/compose/", "post"])
def test_the_boxes_carry_the_servers_limit_and_no_maxlength(alice_client, settings, path):
    """The reply box too: a reply is a post, with the post's limit."""
    settings.POST_MAX_LENGTH = 140
    path = PostFactory().get_absolute_url() if path == "post" else path
    box = textarea(alice_client.get(path).content.decode())

    assert "maxlength" not in box
    assert 'data-max-chars="140"' in box


def test_a_post_of_the_limit_in_emoji_is_accepted(alice_client, settings):
    assert len(EMOJI.encode("utf-16-le")) == 4
    body = EMOJI * settings.POST_MAX_LENGTH

    response = alice_client.post(reverse("posts:create"), {"body": f"  {body}\n", "visibility": "public"})

    assert response.status_code == 302
    assert Post.objects.get().body == body


def test_one_emoji_too_many_is_the_servers_form_error(alice_client, settings):
    response = alice_client.post(
        reverse("posts:create"), {"body": EMOJI * (settings.POST_MAX_LENGTH + 1), "visibility": "public"}
    )

    assert response.status_code == 400
    assert f"at most {settings.POST_MAX_LENGTH} characters" in response.content.decode()
    assert not Post.objects.exists()


def test_a_reply_of_the_limit_in_emoji_is_accepted(alice_client, settings):
    post = PostFactory()
    body = EMOJI * settings.POST_MAX_LENGTH

    response = alice_client.post(reverse("posts:reply", kwargs={"post_id": post.pk}), {"body": body})

    assert response.status_code == 302
    assert Post.objects.get(in_reply_to=post).body == body
