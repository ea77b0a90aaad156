"""Post and reply bodies lose control characters on every door (they could inject search marks)."""

from django.urls import reverse

from posts.models import Post
from posts.services import post_create


def test_a_post_written_on_the_page_loses_control_characters(client, alice):
    client.force_login(alice)

    client.post(reverse("posts:create"), {"body": "\x02fake\x03 mark\r\nline two\tend\x1b", "visibility": "public"})

    assert Post.objects.get().body == "fake mark\nline two\tend"


def test_a_post_and_a_reply_written_through_the_api_lose_control_characters(api_as, alice):
    client = api_as(alice)

    post_id = client.post("/api/threadly/v1/posts", {"body": "\x02fake\x03 coffee"}, format="json").json()["id"]
    response = client.post(
        "/api/threadly/v1/posts", {"body": "re\x07ply\r\nnext", "in_reply_to": post_id}, format="json"
    )

    assert response.status_code == 201
    assert Post.objects.get(pk=post_id).body == "fake coffee"
    assert Post.objects.get(in_reply_to=post_id).body == "reply\nnext"


def test_an_edit_loses_control_characters(api_as, alice):
    post = post_create(author=alice, body="Before")

    response = api_as(alice).patch(f"/api/threadly/v1/posts/{post.pk}", {"body": "After\x03"}, format="json")

    assert response.status_code == 200
    post.refresh_from_db()
    assert post.body == "After"


def test_a_body_of_nothing_but_control_characters_is_empty(api_as, alice):
    response = api_as(alice).post("/api/threadly/v1/posts", {"body": "\x02\x03\x1b"}, format="json")

    assert response.status_code == 400
    assert not Post.objects.exists()


def test_the_length_limit_counts_a_line_break_once(alice, settings):
    body = "a" * (settings.POST_MAX_LENGTH - 2) + "\r\n"
    post = post_create(author=alice, body=body + "b")

    assert len(post.body) == settings.POST_MAX_LENGTH


def test_the_admin_refuses_a_reply_body_with_a_control_character(client, alice, bob):
    admin_user = type(alice).objects.create_superuser(username="root", email="root@example.com", password="x")
    post = post_create(author=alice, body="Clean")
    reply = post_create(author=bob, body="Clean reply", in_reply_to=post)
    client.force_login(admin_user)

    response = client.post(
        reverse("admin:posts_post_change", args=[reply.pk]),
        {"author": bob.pk, "body": "Dirty\x02", "visibility": "public", "in_reply_to": post.pk},
    )

    assert response.status_code == 200
    assert "U+0002" in response.content.decode()
    reply.refresh_from_db()
    assert reply.body == "Clean reply"
