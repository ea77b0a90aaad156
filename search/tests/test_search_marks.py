"""Highlights mark only matching words: a body never brings its own marks (U+0002, U+0003) into them.

Search marks matches with those two characters and turns them into <mark> elements. They are
stripped from everything people write, a migration strips them from old rows, and the backends
ignore any a stored body still holds.
"""

import re

from posts.models import Post
from search.tests.helpers import API_SEARCH_URL, SEARCH_URL, write


def marks(html: str) -> list[str]:
    return re.findall(r"<mark>(.*?)</mark>", html)


def test_marks_typed_into_a_post_are_not_stored_nor_highlighted(client, alice):
    post = write(alice, "\x02hijacked\x03 words about coffee")

    html = client.get(SEARCH_URL, {"q": "coffee"}).content.decode()

    assert Post.objects.get(pk=post.pk).body == "hijacked words about coffee"
    assert marks(html) == ["coffee"]


def test_a_body_stored_with_marks_is_highlighted_safely_on_the_page_and_the_api(client, alice):
    post = write(alice, "placeholder about coffee")
    Post.objects.filter(pk=post.pk).update(body="\x02hijacked\x03 words \x02 about coffee")

    html = client.get(SEARCH_URL, {"q": "coffee"}).content.decode()
    result = client.get(API_SEARCH_URL, {"q": "coffee"}).json()["results"][0]

    assert marks(html) == ["coffee"]
    assert marks(result["highlight"]) == ["coffee"]
    assert result["highlight"].count("<mark>") == result["highlight"].count("</mark>") == 1
