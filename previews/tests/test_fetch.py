"""The fetch against a real server on loopback: limits, content types, redirects, parsing."""

import time

import pytest

from previews.cards import HTML
from previews.fetch import FetchFailed, fetch
from previews.guard import LinkRefused
from previews.opengraph import page_facts
from previews.tests.web import local_web_server, og_page

MB = 1024 * 1024


def read(url: str, limit: int = MB):
    return fetch(url, accept=HTML, limit=limit)


def test_an_html_page_is_read_with_its_final_url(web):
    url = web.add("/article", og_page(title="Hello"))
    fetched = read(url)
    assert (fetched.url, fetched.content_type, fetched.charset) == (url, "text/html", "utf-8")
    assert b"Hello" in fetched.body
    assert not fetched.truncated


def test_the_request_names_its_host_and_no_credentials(web):
    read(web.add("/named", og_page(title="Named")))
    headers = web.headers[0]
    assert headers["Host"] == f"127.0.0.1:{web.port}"
    assert "Authorization" not in headers and "Cookie" not in headers


@pytest.mark.parametrize(
    "content_type", ["application/json", "image/png", "text/plain", "application/xhtml+xml", "", "text/htmlx"]
)
def test_only_html_is_read(web, content_type):
    url = web.add("/data", b"{}", headers={"Content-Type": content_type})
    with pytest.raises(FetchFailed, match="not a type"):
        read(url)


@pytest.mark.parametrize("status", [404, 500, 204])
def test_an_error_status_fails(web, status):
    with pytest.raises(FetchFailed, match=str(status)):
        read(web.add("/broken", og_page(title="x"), status=status))


def test_reading_stops_past_the_limit(web):
    head = og_page(title="Big page").encode()
    url = web.add("/big", head + b"x" * (2 * MB) + b'<meta property="og:description" content="too far">')
    fetched = read(url)
    assert len(fetched.body) == MB
    assert fetched.truncated
    facts = page_facts(fetched.body, fetched.charset)
    assert (facts.title, facts.description) == ("Big page", "")


def test_a_slow_server_times_out(web, settings):
    settings.LINK_PREVIEW_TIMEOUT = 0.5
    url = web.add("/slow", og_page(title="Late"), delay=2)
    started = time.monotonic()
    with pytest.raises(FetchFailed):
        read(url)
    assert time.monotonic() - started < 1.5


def test_a_server_sending_a_trickle_cannot_outlast_the_deadline(web, settings):
    """Each chunk comes in time, but the whole fetch has one budget."""
    settings.LINK_PREVIEW_TIMEOUT = 0.6
    url = web.add("/drip", og_page(title="Drip", extra="y" * 2000), drip=0.1)
    started = time.monotonic()
    with pytest.raises(FetchFailed, match="timed out"):
        read(url)
    assert time.monotonic() - started < 1.5


def test_a_server_trickling_its_headers_cannot_outlast_the_deadline(web, settings):
    settings.LINK_PREVIEW_TIMEOUT = 0.6
    url = web.add("/headers", og_page(title="Slow headers"), header_drip=0.1)
    started = time.monotonic()
    with pytest.raises(FetchFailed, match="timed out"):
        read(url)
    assert time.monotonic() - started < 1.5


def test_redirects_are_followed_each_through_the_guard(web):
    final = web.add("/final", og_page(title="Arrived"))
    web.redirect("/two", final, status=301)
    first = web.redirect("/one", "/two")  # A relative Location, as servers send them.
    fetched = read(first)
    assert fetched.url == final
    assert web.requests == ["/one", "/two", "/final"]


def test_a_redirect_to_a_non_ascii_path_is_followed_encoded(web):
    web.add("/caf%C3%A9", og_page(title="Café"))
    fetched = read(web.redirect("/menu", "/café"))
    assert fetched.url == web.url("/caf%C3%A9")
    assert web.requests == ["/menu", "/caf%C3%A9"]


def test_too_many_redirects_are_refused(web, settings):
    settings.LINK_PREVIEW_MAX_REDIRECTS = 3
    for hop in range(5):
        web.redirect(f"/hop{hop}", f"/hop{hop + 1}")
    with pytest.raises(LinkRefused, match="redirects"):
        read(web.url("/hop0"))
    assert len(web.requests) == 4


def test_a_redirect_to_another_private_address_is_refused(web):
    """The setting lets the tests reach 127.0.0.1 only: a redirect to 127.0.0.2, where a real server
    answers, is refused before any connection, as it would be for any private address."""
    with local_web_server("127.0.0.2") as inside:
        secret = inside.add("/secret", og_page(title="Internal"))
        with pytest.raises(LinkRefused, match="non-public"):
            read(web.redirect("/out", secret))
        assert inside.requests == []


@pytest.mark.parametrize(
    "target",
    [
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.1/",
        "http://[::1]/",
        "http://0.0.0.0/",
        "file:///etc/passwd",
        "ftp://example.com/",
        "http://user:pass@example.com/",
    ],
)
def test_a_redirect_is_checked_as_a_link(web, target):
    with pytest.raises(LinkRefused):
        read(web.redirect("/away", target))
    assert web.requests == ["/away"]
