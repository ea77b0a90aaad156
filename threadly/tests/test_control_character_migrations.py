"""The data migrations strip control characters from text stored before they were refused."""

import importlib

from django.apps import apps

from accounts.models import User
from posts.models import Comment, Post
from posts.services import comment_create, post_create

POSTS_MIGRATION = importlib.import_module("posts.migrations.0003_text_without_control_characters")
ACCOUNTS_MIGRATION = importlib.import_module("accounts.migrations.0007_text_without_control_characters")


def test_old_post_and_reply_bodies_lose_control_characters_and_keep_their_lines(alice, bob):
    dirty = post_create(author=alice, body="placeholder")
    clean = post_create(author=alice, body="Clean\n\tindented")
    reply = comment_create(post=clean, author=bob, body="placeholder")
    Post.objects.filter(pk=dirty.pk).update(body="\x02fake\x03 mark\r\nnext\x1b")
    Comment.objects.filter(pk=reply.pk).update(body="re\x07ply")

    POSTS_MIGRATION.strip_control_characters(apps, None)

    assert Post.objects.get(pk=dirty.pk).body == "fake mark\nnext"
    assert Post.objects.get(pk=clean.pk).body == "Clean\n\tindented"
    assert Comment.objects.get(pk=reply.pk).body == "reply"


def test_old_names_and_bios_lose_control_characters(alice, bob):
    User.objects.filter(pk=alice.pk).update(display_name=" Ana\nLima\x02 ", bio="Line\x03 one\nLine two")
    User.objects.filter(pk=bob.pk).update(display_name="Bob", bio="Plain\tbio")

    ACCOUNTS_MIGRATION.strip_control_characters(apps, None)

    alice.refresh_from_db()
    bob.refresh_from_db()
    assert (alice.display_name, alice.bio) == ("Ana Lima", "Line one\nLine two")
    assert (bob.display_name, bob.bio) == ("Bob", "Plain\tbio")
