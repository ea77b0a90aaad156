"""Search results are rendered as posts are: their links (tags, mentions, addresses) stay, the matches are marked.

Backend-neutral, like the other search tests; a mark touching a link marks the link's text, inside it.
"""

import re

from search.tests.helpers import SEARCH_URL, api_results, write

BODY = "Fresh #coffee with @bob, recipe at https://brew.example/coffee and more coffee"


def result_body(html: str) -> str:
    return re.search(r'<div class="post-body" dir="auto">(.*?)</div>', html, re.DOTALL)[1]


def test_a_result_keeps_its_links_with_the_matches_marked(client, alice, bob):
    write(alice, BODY)

    body = result_body(client.get(SEARCH_URL, {"q": "coffee bob"}).content.decode())

    assert re.search(r'<a href="/tags/coffee/" class="hashtag">(<mark>)?#coffee(</mark>)?</a>', body)
    assert re.search(r'<a href="/@bob" class="mention">(<mark>)?@bob(</mark>)?</a>', body)
    assert '<a href="https://brew.example/coffee" rel="nofollow noopener ugc" target="_blank">' in body
    assert "more <mark>coffee</mark>" in body
    # No mark opens in one element and closes in another: every link holds whole marks or none.
    for link in re.findall(r"<a [^>]*>(.*?)</a>", body):
        assert link.count("<mark>") == link.count("</mark>")
        assert "<a " not in link


def test_the_api_highlight_has_the_same_links_made_absolute(client, api_client, alice, bob):
    write(alice, BODY)

    page = result_body(client.get(SEARCH_URL, {"q": "coffee"}).content.decode())
    highlight = api_results(api_client, "coffee")[0]["highlight"]

    assert highlight == page.replace('href="/', 'href="http://testserver/')
