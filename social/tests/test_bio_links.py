"""Bios on profiles: links, @mentions of active people and #tags become links, everything else is escaped."""

from django.urls import reverse

from accounts.factories import UserFactory
from accounts.models import User


def bio_on(client, user) -> str:
    content = client.get(user.get_absolute_url()).content.decode()
    start = content.index('<p class="bio" dir="auto">')
    return content[start : content.index("</p>", start)]


def test_links_mentions_and_tags_in_a_bio_are_links(client, db):
    UserFactory(username="bob")
    author = UserFactory(
        username="ana", bio="Writes at https://ana.example/blog, with @Bob and @nobody_here on #django"
    )

    bio = bio_on(client, author)

    assert (
        '<a href="https://ana.example/blog" rel="nofollow noopener ugc" target="_blank">https://ana.example/blog</a>,'
        in bio
    )
    assert f'<a href="{reverse("social:profile", args=["Bob"])}" class="mention">@Bob</a>' in bio
    assert "@nobody_here" in bio
    assert 'href="/@nobody_here"' not in bio
    assert f'<a href="{reverse("search:tag", args=["django"])}" class="hashtag">#django</a>' in bio


def test_a_bio_is_escaped_and_keeps_its_line_breaks(client, db):
    author = UserFactory(username="ana", bio='<script>alert(1)</script> "quoted"\nhttps://x.example/?a=1&b=<2>')

    bio = bio_on(client, author)

    assert "<script>" not in bio
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &quot;quoted&quot;<br>" in bio
    assert '<a href="https://x.example/?a=1&amp;b=" rel="nofollow noopener ugc" target="_blank">' in bio
    assert "&lt;2&gt;" in bio


def test_a_suspended_persons_mention_in_a_bio_is_not_a_link(client, db):
    gone = UserFactory(username="gone")
    User.objects.filter(pk=gone.pk).update(is_active=False)
    author = UserFactory(username="ana", bio="Formerly with @gone")

    assert 'class="mention"' not in bio_on(client, author)
