"""Who may edit and delete posts and replies, through the URLs and the whole permission stack."""

import pytest
from django.urls import reverse

from accounts.factories import UserFactory
from posts import services
from posts.models import Post
from posts.tests.helpers import assert_login_redirect, reply_count_on

ACTORS = ["owner", "other", "moderator", "anonymous"]


@pytest.fixture
def act_as(client, alice, bob, moderator):
    """Log the test client in as one of ACTORS; alice owns the post and the reply."""
    people = {"owner": alice, "other": bob, "moderator": moderator, "anonymous": None}

    def log_in(actor: str):
        if people[actor] is not None:
            client.force_login(people[actor])
        return client

    return log_in


@pytest.fixture
def reply(alice):
    """Alice's reply to someone else's post."""
    post = services.post_create(author=UserFactory(username="poster"), body="Ask me anything")
    return services.post_create(author=alice, body="What is Threadly?", in_reply_to=post)


@pytest.mark.parametrize(("actor", "status"), [("owner", 200), ("other", 403), ("moderator", 403), ("anonymous", 302)])
def test_edit_form(act_as, post, actor, status):
    response = act_as(actor).get(reverse("posts:edit", args=[post.pk]))

    assert response.status_code == status
    if actor == "anonymous":
        assert_login_redirect(response)


@pytest.mark.parametrize(("actor", "status"), [("owner", 302), ("other", 403), ("moderator", 403), ("anonymous", 302)])
def test_edit_post(act_as, post, actor, status):
    data = {"body": "Rewritten #history", "visibility": Post.Visibility.PUBLIC}

    response = act_as(actor).post(reverse("posts:edit", args=[post.pk]), data)

    assert response.status_code == status
    post.refresh_from_db()
    if actor == "owner":
        assert response["Location"] == post.get_absolute_url()
        assert post.body == "Rewritten #history"
        assert post.edited_at is not None
        assert list(post.hashtags.values_list("name", flat=True)) == ["history"]
    else:
        assert post.body == "Hello #threadly"
        assert post.edited_at is None
    if actor == "anonymous":
        assert_login_redirect(response)


@pytest.mark.parametrize(("actor", "status"), [("owner", 200), ("other", 403), ("moderator", 200), ("anonymous", 302)])
def test_delete_confirmation_page(act_as, post, actor, status):
    response = act_as(actor).get(reverse("posts:delete", args=[post.pk]))

    assert response.status_code == status
    assert Post.objects.filter(pk=post.pk).exists()


@pytest.mark.parametrize(("actor", "status"), [("owner", 302), ("other", 403), ("moderator", 302), ("anonymous", 302)])
def test_delete_post(act_as, post, alice, actor, status):
    response = act_as(actor).post(reverse("posts:delete", args=[post.pk]))

    assert response.status_code == status
    alice.refresh_from_db()
    if actor in {"owner", "moderator"}:
        assert response["Location"] == reverse("social:home")
        assert not Post.objects.filter(pk=post.pk).exists()
        assert alice.post_count == 0
    else:
        assert Post.objects.filter(pk=post.pk).exists()
        assert alice.post_count == 1
    if actor == "anonymous":
        assert_login_redirect(response)


@pytest.mark.parametrize(
    ("actor", "status"),
    [("owner", 302), ("other", 403), ("post_author", 403), ("moderator", 302), ("anonymous", 302)],
)
def test_delete_reply(act_as, client, reply, actor, status):
    """Deleting a reply is deleting a post: its author or a moderator, not the author of the post it answers."""
    if actor == "post_author":
        client.force_login(reply.in_reply_to.author)
    response = (client if actor == "post_author" else act_as(actor)).post(reverse("posts:delete", args=[reply.pk]))

    assert response.status_code == status
    parent = reply.in_reply_to
    parent.refresh_from_db()
    if actor in {"owner", "moderator"}:
        assert not Post.objects.filter(pk=reply.pk).exists()
        assert parent.reply_count == 0
    else:
        assert Post.objects.filter(pk=reply.pk).exists()
        assert parent.reply_count == 1
    if actor == "anonymous":
        assert_login_redirect(response)


def test_deleting_a_reply_goes_back_to_the_conversation_when_asked(client, alice, reply):
    client.force_login(alice)
    back = f"{reply.in_reply_to.get_absolute_url()}#replies"

    response = client.post(reverse("posts:delete", args=[reply.pk]), {"next": back})

    assert response["Location"] == back
    assert reply_count_on(client.get(reply.in_reply_to.get_absolute_url()), reply.in_reply_to) == 0


def test_the_reply_delete_page_asks_first_and_deletes_nothing(client, alice, reply):
    client.force_login(alice)

    response = client.get(reverse("posts:delete", args=[reply.pk]))

    assert response.status_code == 200
    assert "What is Threadly?" in response.content.decode()
    assert Post.objects.filter(pk=reply.pk).exists()


@pytest.mark.parametrize(
    ("name", "method"),
    [
        ("posts:detail", "get"),
        ("posts:edit", "get"),
        ("posts:edit", "post"),
        ("posts:delete", "get"),
        ("posts:delete", "post"),
        ("posts:like", "post"),
        ("posts:unlike", "post"),
        ("posts:reply", "get"),
        ("posts:reply", "post"),
    ],
)
def test_a_missing_post_is_404(client, bob, name, method):
    client.force_login(bob)

    response = getattr(client, method)(reverse(name, args=[987654]), {"body": "hello", "visibility": "public"})

    assert response.status_code == 404


def test_a_comment_that_never_existed_is_404(client, moderator):
    client.force_login(moderator)

    response = client.get(reverse("posts:moved_comment", args=[987654]))

    assert response.status_code == 404
