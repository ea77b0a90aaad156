"""API rate limits: the X-RateLimit-* headers, 429s with Retry-After, and one allowance shared with the site."""

import pytest
from django.conf import settings
from django.urls import reverse

from posts.models import Post

pytestmark = pytest.mark.django_db

POSTS_URL = reverse("api:post-list")
PUBLIC_POSTS_URL = reverse("api:post-public")
COMPOSE_URL = reverse("posts:create")
# 1_000_030 s is 10 s into a 60 s window that ends at 1_000_080 s.
WINDOW_END = 1_000_080


def rate_headers(response) -> tuple[int, int, int]:
    """(limit, remaining, reset) as the response states them."""
    return (
        int(response["X-RateLimit-Limit"]),
        int(response["X-RateLimit-Remaining"]),
        int(response["X-RateLimit-Reset"]),
    )


def publish(client, body: str = "hello", **extra):
    return client.post(POSTS_URL, {"body": body}, format="json", **extra)


def test_anonymous_reads_report_the_api_anon_allowance(api_client, clock, limits):
    limits("api_anon", "5/60")

    response = api_client.get(PUBLIC_POSTS_URL)

    assert response.status_code == 200
    assert rate_headers(response) == (5, 4, WINDOW_END)


def test_authenticated_reads_report_the_api_user_allowance(api_as, alice, clock, limits):
    limits("api_anon", "5/60")
    limits("api_user", "7/60")

    response = api_as(alice).get(PUBLIC_POSTS_URL)

    assert rate_headers(response) == (7, 6, WINDOW_END)


def test_remaining_goes_down_by_one_per_request(api_client, clock):
    remaining = [rate_headers(api_client.get(PUBLIC_POSTS_URL))[1] for _ in range(3)]

    limit = int(settings.RATE_LIMITS["api_anon"].split("/")[0])
    assert remaining == [limit - 1, limit - 2, limit - 3]


def test_reset_is_a_unix_time_within_the_coming_window(api_client):
    import time

    before = time.time()
    response = api_client.get(PUBLIC_POSTS_URL)

    period = int(settings.RATE_LIMITS["api_anon"].split("/")[1])
    reset = rate_headers(response)[2]
    assert before < reset <= before + period + 1
    assert reset % period == 0


def test_each_user_has_an_allowance_of_their_own(api_as, alice, bob, clock, limits):
    limits("api_user", "7/60")
    for _ in range(3):
        api_as(alice).get(PUBLIC_POSTS_URL)

    assert rate_headers(api_as(bob).get(PUBLIC_POSTS_URL))[1] == 6
    assert rate_headers(api_as(alice).get(PUBLIC_POSTS_URL))[1] == 3


def test_visitors_are_counted_by_ip_address(api_client, clock, limits):
    limits("api_anon", "5/60")
    api_client.get(PUBLIC_POSTS_URL, REMOTE_ADDR="10.0.0.1")

    assert rate_headers(api_client.get(PUBLIC_POSTS_URL, REMOTE_ADDR="10.0.0.1"))[1] == 3
    assert rate_headers(api_client.get(PUBLIC_POSTS_URL, REMOTE_ADDR="10.0.0.2"))[1] == 4


def test_errors_after_authentication_carry_the_headers_too(api_as, alice, clock, limits):
    limits("api_user", "7/60")

    response = api_as(alice).get(reverse("api:post-detail", kwargs={"post_id": 123456}))

    assert response.status_code == 404
    assert rate_headers(response) == (7, 6, WINDOW_END)


def test_a_post_reports_the_tighter_post_scope(api_as, alice, clock, limits):
    limits("post", "2/60")

    response = publish(api_as(alice))

    assert response.status_code == 201
    assert rate_headers(response) == (2, 1, WINDOW_END)


def test_the_looser_client_scope_is_reported_when_it_is_the_tighter_one(api_as, alice, clock, limits):
    limits("post", "50/60")
    limits("api_user", "3/60")
    client = api_as(alice)
    client.get(PUBLIC_POSTS_URL)

    response = publish(client)

    assert rate_headers(response) == (3, 1, WINDOW_END)


def test_reads_do_not_draw_on_the_post_scope(api_as, alice, clock, limits):
    limits("post", "2/60")
    client = api_as(alice)
    for _ in range(3):
        assert client.get(POSTS_URL).status_code == 200

    assert publish(client).status_code == 201


def test_posting_past_the_limit_is_a_429_with_retry_after_and_creates_nothing(api_as, alice, clock, limits):
    limits("post", "2/60")
    client = api_as(alice)
    for n in range(2):
        assert publish(client, f"post {n}").status_code == 201

    response = publish(client, "one too many")

    assert response.status_code == 429
    assert response["Content-Type"] == "application/json"
    error = response.json()["error"]
    assert error["code"] == "throttled"
    assert error["fields"] == {}
    assert response["Retry-After"] == "50"
    assert rate_headers(response) == (2, 0, WINDOW_END)
    assert sorted(Post.objects.values_list("body", flat=True)) == ["post 0", "post 1"]


def test_waiting_retry_after_seconds_is_enough_to_post_again(api_as, alice, clock, limits):
    """Mid-second, too: a client that waits exactly Retry-After must land in the next window."""
    limits("post", "1/60")
    client = api_as(alice)
    publish(client, "first")
    clock.now = clock.start + 44.5

    throttled = publish(client, "too soon")
    assert throttled.status_code == 429
    retry_after = throttled["Retry-After"]
    assert retry_after.isdigit() and int(retry_after) > 0
    clock.now += int(retry_after)

    assert publish(client, "after waiting").status_code == 201


def test_the_limit_lifts_in_the_next_window(api_as, alice, clock, limits):
    limits("post", "1/60")
    client = api_as(alice)
    publish(client, "first")
    assert publish(client, "second").status_code == 429

    clock.now = clock.start + 50

    response = publish(client, "third")
    assert response.status_code == 201
    assert rate_headers(response) == (1, 0, WINDOW_END + 60)
    assert sorted(Post.objects.values_list("body", flat=True)) == ["first", "third"]


def test_a_304_still_reports_the_rate(api_client, alice, clock, limits):
    """A revalidation counts against the allowance, so its answer says how much is left."""
    from posts.factories import PostFactory

    limits("api_anon", "5/60")
    url = reverse("api:post-detail", kwargs={"post_id": PostFactory(author=alice).pk})
    etag = api_client.get(url)["ETag"]

    response = api_client.get(url, HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 304
    assert rate_headers(response) == (5, 3, WINDOW_END)


def test_anonymous_clients_past_their_allowance_get_a_429(api_client, clock, limits):
    limits("api_anon", "2/60")
    for _ in range(2):
        assert api_client.get(PUBLIC_POSTS_URL).status_code == 200

    response = api_client.get(PUBLIC_POSTS_URL)

    assert response.status_code == 429
    assert response.json()["error"]["code"] == "throttled"
    assert response["Retry-After"] == "50"


def test_posts_from_the_site_and_the_api_share_one_allowance(client, api_as, alice, clock, limits):
    limits("post", "2/60")
    client.force_login(alice)
    assert client.post(COMPOSE_URL, {"body": "from the site", "visibility": "public"}).status_code == 302
    api = api_as(alice)

    first = publish(api, "from the api")
    second = publish(api, "again from the api")

    assert first.status_code == 201
    assert rate_headers(first)[1] == 0
    assert second.status_code == 429
    assert Post.objects.count() == 2


def test_api_posts_use_up_the_allowance_of_the_compose_page(client, api_as, alice, clock, limits):
    limits("post", "2/60")
    api = api_as(alice)
    for n in range(2):
        assert publish(api, f"api {n}").status_code == 201
    client.force_login(alice)

    response = client.post(COMPOSE_URL, {"body": "from the site", "visibility": "public"})

    assert response.status_code == 429
    assert response["Retry-After"] == "50"
    assert Post.objects.count() == 2
