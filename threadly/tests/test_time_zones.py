"""Times show in the viewer's time zone: their setting, else their browser's (the `tz` cookie), else
UTC; a post's HTML is cached for every viewer alike, so its absolute times are filled in at read."""

import re
from datetime import UTC, datetime

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django_redis import get_redis_connection

from accounts.factories import UserFactory
from posts.hydration.renderings import RENDERING_FORMAT
from posts.models import Post
from posts.services import post_create

pytestmark = pytest.mark.django_db
EXPLORE = reverse("social:explore")
ME = reverse("api:me")
WRITTEN = datetime(2026, 1, 15, 12, 0, tzinfo=UTC)
# Django's DATETIME_FORMAT, as a <time>'s title shows it.
IN_TOKYO = "Jan. 15, 2026, 9 p.m."
IN_NEW_YORK = "Jan. 15, 2026, 7 a.m."
IN_UTC = "Jan. 15, 2026, noon"


@pytest.fixture
def post(db):
    post = post_create(author=UserFactory(username="ana"), body="Written at noon, UTC")
    Post.objects.filter(pk=post.pk).update(created_at=WRITTEN)
    return post


def client_of(*, time_zone: str = "", cookie: str | None = None) -> Client:
    client = Client()
    if time_zone is not None:
        client.force_login(UserFactory(time_zone=time_zone))
    if cookie is not None:
        client.cookies["tz"] = cookie
    return client


def title_on(client: Client) -> str:
    html = client.get(EXPLORE).content.decode()
    return re.search(r'<time datetime="[^"]+" title="([^"]+)"', html).group(1)


def test_a_members_setting_wins_over_the_browsers(post):
    assert title_on(client_of(time_zone="Asia/Tokyo", cookie="America/New_York")) == IN_TOKYO


def test_without_a_setting_the_browsers_zone_is_used(post):
    assert title_on(client_of(cookie="America/New_York")) == IN_NEW_YORK
    visitor = Client()
    visitor.cookies["tz"] = "Asia/Tokyo"
    assert title_on(visitor) == IN_TOKYO


@pytest.mark.parametrize("cookie", ["Mars/Olympus_Mons", "../../etc/passwd", "localtime", "", "A" * 300])
def test_a_zone_not_on_the_list_is_utc(post, cookie):
    assert title_on(client_of(cookie=cookie)) == IN_UTC


@pytest.mark.redis
def test_two_viewers_read_one_cached_rendering_each_in_their_own_zone(post):
    assert title_on(client_of(time_zone="Asia/Tokyo")) == IN_TOKYO
    redis = get_redis_connection("default")
    prefix = settings.CACHES["default"].get("KEY_PREFIX", "threadly")
    key = f"{prefix}:post:{RENDERING_FORMAT}:html:{post.pk}:{Post.objects.get(pk=post.pk).version}"
    cached = redis.get(key)
    assert cached is not None
    # Nothing in it depends on the first viewer's zone: the machine-readable time is UTC too.
    assert IN_TOKYO.encode() not in cached and b"\x00at:2026-01-15T12:00:00+00:00\x00" in cached
    assert b'datetime="2026-01-15T12:00:00+00:00"' in cached
    # The second viewer's page is built from that very entry.
    redis.set(key, cached.replace(b"Written at noon", b"Read from the cache"))

    html = client_of(cookie="America/New_York").get(EXPLORE).content.decode()

    assert "Read from the cache" in html
    assert f'title="{IN_NEW_YORK}"' in html and IN_TOKYO not in html


def test_a_member_chooses_a_zone_in_settings(client):
    user = UserFactory(username="zoe")
    client.force_login(user)
    form = {"display_name": "Zoe", "bio": "", "email": user.email, "default_quote_policy": "everyone"}

    page = client.get(reverse("accounts:profile_edit")).content.decode()
    assert '<option value="Europe/Paris">Europe/Paris</option>' in page
    refused = client.post(reverse("accounts:profile_edit"), {**form, "time_zone": "Mars/Olympus_Mons"})
    assert refused.status_code == 200
    assert "Select a valid choice" in refused.content.decode() or "Choose a time zone" in refused.content.decode()
    client.post(reverse("accounts:profile_edit"), {**form, "time_zone": "Europe/Paris"})
    user.refresh_from_db()
    assert user.time_zone == "Europe/Paris"
    client.post(reverse("accounts:profile_edit"), {**form, "time_zone": ""})
    user.refresh_from_db()
    assert user.time_zone == ""


def test_the_api_reads_and_sets_the_zone(api_as):
    user = UserFactory(username="zoe")
    api = api_as(user)

    assert api.get(ME).json()["time_zone"] == ""
    refused = api.patch(ME, {"time_zone": "Mars/Olympus_Mons"}, format="json")
    assert refused.status_code == 400
    assert refused.json()["error"]["fields"]["time_zone"]
    assert api.patch(ME, {"time_zone": "Asia/Tokyo"}, format="json").json()["time_zone"] == "Asia/Tokyo"
    user.refresh_from_db()
    assert user.time_zone == "Asia/Tokyo"


def test_the_api_answers_in_utc_whatever_the_browsers_zone(api_as, post):
    api = api_as(UserFactory())
    api.cookies["tz"] = "Asia/Tokyo"

    assert api.get(reverse("api:post-detail", args=[post.pk])).json()["created_at"].endswith(("Z", "+00:00"))
