"""What only the production services show: PostgreSQL's indexes and Redis as the cache."""

import pytest
from django.core.cache import cache
from django.db import connection

from threadly.redis_settings import redis_cache


@pytest.mark.postgres
@pytest.mark.django_db
def test_postgresql_has_the_case_insensitive_and_timeline_indexes():
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'")
        indexes = dict(cursor.fetchall())

    assert "lower((username)::text)" in indexes["user_username_ci_unique"]
    assert "lower((email)::text)" in indexes["user_email_ci_unique"]
    assert "(author_id, id DESC)" in indexes["post_author_id_desc"]
    assert "(followee_id, id DESC)" in indexes["follow_followee_id_desc"]


@pytest.mark.redis
@pytest.mark.django_db
def test_rate_limit_counters_live_in_redis(client):
    from django_redis import get_redis_connection

    client.post("/accounts/signup/", {"username": "x"})

    keys = get_redis_connection("default").keys("*ratelimit:signup:ip:127.0.0.1*")
    assert len(keys) == 1
    assert cache.get(keys[0].decode().split(":", 2)[2]) == 1


@pytest.mark.django_db
def test_the_site_stays_up_when_redis_is_unreachable(client, settings):
    """Pages answer; logins pause, since their limits cannot be counted (threadly.ratelimit.WHEN_REDIS_IS_DOWN)."""
    settings.CACHES = {"default": redis_cache("redis://127.0.0.1:9/0", connect_timeout=0.2, socket_timeout=0.2)}

    assert client.get("/explore/").status_code == 200
    response = client.post("/accounts/login/", {"username": "nobody", "password": "wrong"})
    assert response.status_code == 503
    assert "cannot check its limits" in response.text
