"""Mastodon's API counts against the site's rate limits and says so as Threadly's API does."""

import pytest

pytestmark = pytest.mark.django_db


def test_every_answer_tells_the_rate_and_a_429_says_when_to_retry(alice, mastodon_as, limits):
    limits("api_user", "2/60")
    client = mastodon_as(alice)

    first, second, third = (client.get("/api/v1/timelines/home") for _ in range(3))

    assert [first.status_code, second.status_code, third.status_code] == [200, 200, 429]
    assert first["X-RateLimit-Limit"] == "2"
    assert [first["X-RateLimit-Remaining"], second["X-RateLimit-Remaining"]] == ["1", "0"]
    assert int(first["X-RateLimit-Reset"]) > 0
    assert int(third["Retry-After"]) > 0
    assert set(third.json()) == {"error"}


def test_posting_shares_the_pages_allowance(alice, mastodon_as, limits, client):
    limits("post", "1/60")
    api = mastodon_as(alice)
    assert api.post("/api/v1/statuses", {"status": "From an app"}).status_code == 200

    client.force_login(alice)
    page = client.post("/compose/", {"body": "From the site"})

    assert page.status_code == 429
