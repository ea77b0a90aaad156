"""People write right to left as well as left to right: every element holding their words says
dir="auto" (or is a <bdi>), so an Arabic name or post lays out by its own direction, not the page's."""

import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from accounts.factories import UserFactory
from posts.services import post_create
from social.services import follow_create

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
NAME = "نور الهدى"
BIO = "שלום, אני כותבת על ספרים"
BODY = "مرحبا بالعالم"
REPLY = "رد على المنشور"


class _Isolation(HTMLParser):
    """For each piece of text in the body, whether an element around it isolates its direction (a
    <title> is plain text to the browser: it has no direction of its own to set)."""

    def __init__(self):
        super().__init__()
        self.stack: list[bool] = []
        self.texts: list[tuple[str, bool]] = []
        self.in_title = False

    def handle_starttag(self, tag, attrs):
        if tag not in VOID:
            self.stack.append(tag == "bdi" or dict(attrs).get("dir") == "auto")
        self.in_title = tag == "title"

    def handle_endtag(self, tag):
        if tag not in VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if data.strip() and not self.in_title:
            self.texts.append((data, any(self.stack)))


def isolated(html: str, words: str) -> list[bool]:
    """For every place `words` shows in `html`, whether its direction is its own."""
    parser = _Isolation()
    parser.feed(html)
    return [isolating for text, isolating in parser.texts if words in text]


@pytest.fixture
def writer(db):
    return UserFactory(username="nour", display_name=NAME, bio=BIO)


def test_posts_names_and_bios_keep_their_own_direction(client, writer, django_capture_on_commit_callbacks):
    reader = UserFactory(username="reader")
    follow_create(follower=reader, followee=writer)
    with django_capture_on_commit_callbacks(execute=True):
        post = post_create(author=writer, body=BODY)
        post_create(author=writer, body=REPLY, in_reply_to=post_create(author=reader, body="hello"))
        post_create(author=reader, body="quoting", quoted_post=post)
    client.force_login(reader)

    pages = {
        "home": reverse("social:home"),
        "explore": reverse("social:explore"),
        "profile": writer.get_absolute_url(),
        "detail": post.get_absolute_url(),
        "followers": reverse("social:following", args=[reader.username]),
        "search": reverse("search:search") + "?q=مرحبا",
    }
    for name, url in pages.items():
        html = client.get(url).content.decode()
        # The search page marks the word searched for: the rest of the body is checked.
        for words in (NAME, "بالعالم"):
            places = isolated(html, words)
            if name == "followers" and words != NAME:
                continue
            assert places, (name, words)
            assert all(places), (name, words)
    assert isolated(client.get(writer.get_absolute_url()).content.decode(), "שלום") == [True]
    notifications = client.get(reverse("notifications:list")).content.decode()
    assert isolated(notifications, NAME) and all(isolated(notifications, NAME))
    assert isolated(notifications, REPLY) and all(isolated(notifications, REPLY))


def tag_of(html: str, name: str) -> str:
    match = re.search(rf'<(?:textarea|input)[^>]*name="{name}"[^>]*>', html)
    assert match, name
    return match.group(0)


def test_the_boxes_people_write_in_follow_what_they_type(client, writer):
    client.force_login(writer)
    compose = client.get(reverse("posts:create")).content.decode()
    settings_page = client.get(reverse("accounts:profile_edit")).content.decode()

    assert 'dir="auto"' in tag_of(compose, "body")
    assert 'dir="auto"' in tag_of(settings_page, "display_name")
    assert 'dir="auto"' in tag_of(settings_page, "bio")
