"""A notification shows a post's or reply's words only while the recipient may read them (posts.policy)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from posts import services as posts
from posts.models import Post
from social.services import block_create

pytestmark = pytest.mark.django_db

LIST_URL = reverse("notifications:list")


def test_the_words_of_a_removed_reply_leave_the_page(alice, bob, client, delivered):
    post = posts.post_create(author=alice, body="Ask me")
    with delivered():
        reply = posts.post_create(author=bob, in_reply_to=post, body="Something rude")
    client.force_login(alice)
    assert "Something rude" in client.get(LIST_URL).content.decode()

    Post.objects.filter(pk=reply.pk).update(removed_at=timezone.now())

    content = client.get(LIST_URL).content.decode()
    assert "Something rude" not in content
    assert "Ask me" in content


def test_the_words_of_a_reply_on_a_post_of_someone_who_blocked_you_leave_the_page(alice, bob, carol, client, delivered):
    """carol mentioned alice in a reply on bob's post; bob then blocked alice."""
    post = posts.post_create(author=bob, body="Bob's thoughts")
    with delivered():
        posts.post_create(author=carol, in_reply_to=post, body="What do you say, @alice?")
    client.force_login(alice)
    assert "What do you say" in client.get(LIST_URL).content.decode()

    block_create(blocker=bob, blocked=alice)

    content = client.get(LIST_URL).content.decode()
    assert "What do you say" not in content
    assert "Bob&#x27;s thoughts" not in content
