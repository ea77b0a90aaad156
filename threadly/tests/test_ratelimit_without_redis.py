"""Rate limits while Redis cannot be reached: each scope open or closed as threadly.ratelimit.WHEN_REDIS_IS_DOWN
decides, a closed one answering 503 with Retry-After in the shape of the door asked, never a 500.

The cache is a Redis on a port where nothing listens (refused connections): what the site meets when
Redis is stopped. tests/integration/test_redis_outage.py does the same with a real Redis stopped and frozen.
"""

import pytest
from django.conf import settings as django_settings
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.models import User
from accounts.tests.helpers import PASSWORD
from accounts.tests.login_doors import knock
from mastodon_api.tests.oauth_flow import OOB
from posts.models import Post
from tests.integration.processes import free_port
from threadly import redis_guard
from threadly.ratelimit import CLOSED, OPEN, WHEN_REDIS_IS_DOWN
from threadly.redis_settings import redis_cache

pytestmark = pytest.mark.django_db

COOLDOWN = 30


@pytest.fixture(autouse=True)
def redis_down(settings):
    settings.CACHES = {"default": redis_cache(f"redis://127.0.0.1:{free_port()}/0")}
    settings.REDIS_BREAKER_COOLDOWN_SECONDS = COOLDOWN


def assert_paused_page(response) -> None:
    assert response.status_code == 503
    assert 1 <= int(response["Retry-After"]) <= COOLDOWN
    assert "503.html" in [template.name for template in response.templates]
    assert "cannot check its limits" in response.text


def test_every_scope_has_its_decision():
    assert WHEN_REDIS_IS_DOWN.keys() == django_settings.RATE_LIMITS.keys()
    assert set(WHEN_REDIS_IS_DOWN.values()) == {OPEN, CLOSED}


def test_signing_up_is_paused_on_the_page_and_both_apis(client):
    page = client.post(reverse("accounts:signup"), {"username": "farm_1", "password1": "x", "password2": "x"})
    api = APIClient().post(reverse("api:register"), {"username": "farm_2"}, format="json")
    mastodon = APIClient().post("/api/v1/accounts", {"username": "farm_3"}, format="json")

    assert_paused_page(page)
    assert api.status_code == 503
    assert api.json()["error"]["code"] == "rate_limit_unavailable"
    assert int(api["Retry-After"]) >= 1
    assert mastodon.status_code == 503
    assert "cannot check its limits" in mastodon.json()["error"]
    assert not User.objects.exists()


@pytest.mark.parametrize("door", ["page", "admin", "api"])
def test_logging_in_is_paused_at_every_door_even_with_the_right_password(client, door, alice):
    alice.is_staff = True
    alice.save()

    response = knock(client, door, "alice", PASSWORD)

    assert response.status_code == 503
    assert int(response["Retry-After"]) >= 1
    if door == "api":
        assert response.json()["error"]["code"] == "rate_limit_unavailable"
    else:
        assert_paused_page(response)


def test_registering_a_mastodon_app_is_paused_in_mastodons_shape():
    response = APIClient().post("/api/v1/apps", {"client_name": "Farm", "redirect_uris": OOB}, format="json")

    assert response.status_code == 503
    assert response.json().keys() == {"error"}
    assert int(response["Retry-After"]) >= 1


def test_people_already_logged_in_post_read_and_follow(client, api_as, alice, bob):
    client.force_login(alice)

    assert client.post(reverse("posts:create"), {"body": "From the page", "visibility": "public"}).status_code == 302
    assert api_as(alice).post(reverse("api:post-list"), {"body": "From the API"}, format="json").status_code == 201
    assert api_as(alice).post("/api/v1/statuses", {"status": "From an app"}, format="json").status_code == 200
    assert api_as(alice).post(f"/api/v1/accounts/{bob.pk}/follow").status_code == 200
    assert api_as(alice).get("/api/v1/timelines/home").status_code == 200
    assert APIClient().get(reverse("api:post-public")).status_code == 200

    assert sorted(Post.objects.values_list("body", flat=True)) == ["From an app", "From the API", "From the page"]


def test_once_the_breaker_is_open_a_closed_scope_says_when_it_comes_back(client):
    for _ in range(django_settings.REDIS_BREAKER_FAILURES):
        redis_guard.breaker().record_failure()

    response = client.post(reverse("accounts:login"), {"username": "alice", "password": "x"})

    assert_paused_page(response)
    assert int(response["Retry-After"]) == COOLDOWN
