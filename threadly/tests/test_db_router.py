"""The replica router's decisions, on any database: the alias replica_1 mirrors the test database here
(tests/integration/test_read_replicas.py reads a real streaming replica)."""

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.models import Session
from django.core.exceptions import MiddlewareNotUsed
from django.db import transaction
from django.http import HttpResponse
from django.test import RequestFactory
from oauth2_provider.models import AccessToken
from rest_framework_simplejwt.token_blacklist.models import OutstandingToken

from accounts.factories import UserFactory
from accounts.models import User
from posts.models import Post
from tests.integration.processes import free_port
from threadly import primary_pins, redis_guard
from threadly.db_router import PIN_COOKIE, PRIMARY, PrimaryReplicaRouter, ReplicaReadsMiddleware

REPLICA = "replica_1"
router = PrimaryReplicaRouter()


@pytest.fixture
def replicated(settings, monkeypatch):
    """The router on, replica_1 in DATABASES (a mirror of the test database), and a clock for the pins."""
    if REPLICA not in django_settings.DATABASES:
        mirror = {**django_settings.DATABASES["default"], "TEST": {"MIRROR": "default"}}
        monkeypatch.setitem(django_settings.DATABASES, REPLICA, mirror)
    settings.DATABASE_ROUTERS = ["threadly.db_router.PrimaryReplicaRouter"]
    settings.READ_YOUR_WRITES_SECONDS = 10
    clock = {"now": 2_000_000_000.0}
    monkeypatch.setattr(primary_pins, "now", lambda: clock["now"])
    return clock


def _reads_during(request, view=None):
    """Where a Post read inside `request` goes, through the middleware; and the response."""
    seen = {}

    def get_response(request):
        if view:
            view(request)
        seen["post"] = router.db_for_read(Post)
        seen["session"] = router.db_for_read(Session)
        return HttpResponse()

    response = ReplicaReadsMiddleware(get_response)(request)
    return seen, response


def _get(path="/", **extra):
    request = RequestFactory().get(path, **extra)
    request.user = AnonymousUser()
    return request


def test_without_a_request_every_read_is_the_primarys():
    """Management commands and Celery tasks read the primary: what they read often feeds a write."""
    assert router.db_for_read(Post) == PRIMARY
    assert router.db_for_write(Post) == PRIMARY


def test_migrations_run_on_the_primary_only():
    assert router.allow_migrate(PRIMARY, "posts") is True
    assert router.allow_migrate(REPLICA, "posts") is False


def test_objects_from_the_primary_and_a_replica_may_be_related(replicated):
    from_primary, from_replica, elsewhere = Post(), User(), Post()
    from_primary._state.db, from_replica._state.db, elsewhere._state.db = PRIMARY, REPLICA, "archive"

    assert router.allow_relation(from_primary, from_replica) is True
    assert router.allow_relation(from_primary, elsewhere) is None


def test_the_middleware_is_not_used_without_the_router(settings):
    settings.DATABASE_ROUTERS = []
    with pytest.raises(MiddlewareNotUsed):
        ReplicaReadsMiddleware(lambda request: HttpResponse())


def test_a_safe_request_reads_a_replica_and_the_authentication_tables_on_the_primary(replicated):
    seen, response = _reads_during(_get())

    assert seen == {"post": REPLICA, "session": PRIMARY}
    assert PIN_COOKIE not in response.cookies
    for model in (User, AccessToken, OutstandingToken):
        assert router.db_for_read(model) == PRIMARY


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_an_unsafe_request_reads_the_primary(replicated, method):
    request = getattr(RequestFactory(), method)("/")
    request.user = AnonymousUser()
    seen, _ = _reads_during(request)

    assert seen["post"] == PRIMARY


@pytest.mark.django_db(transaction=True)
def test_a_read_inside_an_atomic_block_on_the_primary_reads_the_primary(replicated):
    def view(request):
        with transaction.atomic():
            view.inside = router.db_for_read(Post)

    seen, _ = _reads_during(_get(), view)

    assert (view.inside, seen["post"]) == (PRIMARY, REPLICA)


def test_a_pin_cookie_reads_the_primary_until_its_time_has_passed(replicated):
    until = int(replicated["now"]) + 5

    assert _reads_during(_get(HTTP_COOKIE=f"{PIN_COOKIE}={until}"))[0]["post"] == PRIMARY
    replicated["now"] += 6
    assert _reads_during(_get(HTTP_COOKIE=f"{PIN_COOKIE}={until}"))[0]["post"] == REPLICA
    assert _reads_during(_get(HTTP_COOKIE=f"{PIN_COOKIE}=not-a-number"))[0]["post"] == REPLICA


@pytest.mark.django_db(transaction=True)
def test_a_get_that_writes_reads_the_primary_after_and_pins_the_person(replicated):
    person = UserFactory()
    request = _get()
    request.user = person

    seen, response = _reads_during(request, view=lambda request: UserFactory())

    assert seen["post"] == PRIMARY
    assert int(response.cookies[PIN_COOKIE].value) > replicated["now"] + 10
    assert primary_pins.person_is_pinned(user_id=person.pk)
    replicated["now"] += 12
    assert not primary_pins.person_is_pinned(user_id=person.pk)


@pytest.mark.django_db(transaction=True)
def test_a_request_that_reads_only_pins_nobody(replicated):
    person = UserFactory()
    request = _get()
    request.user = person

    seen, response = _reads_during(request, view=lambda request: User.objects.count())

    assert seen["post"] == REPLICA
    assert PIN_COOKIE not in response.cookies
    assert not primary_pins.person_is_pinned(user_id=person.pk)


def test_a_bearer_request_reads_the_primary_until_it_is_authenticated(replicated):
    seen, _ = _reads_during(_get(HTTP_AUTHORIZATION="Bearer abc"))

    assert seen["post"] == PRIMARY


def test_a_person_pinned_from_another_client_reads_the_primary(replicated, db):
    person = UserFactory()
    primary_pins.pin_person(user_id=person.pk, until=int(replicated["now"]) + 5, seconds=5)
    request = _get()
    request.user = person

    assert _reads_during(request)[0]["post"] == PRIMARY


def _cache_on_a_redis_nobody_answers(settings, **options) -> None:
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, **options},
        }
    }


def test_when_redis_cannot_answer_the_person_reads_the_primary(replicated, settings, db):
    _cache_on_a_redis_nobody_answers(settings, SOCKET_CONNECT_TIMEOUT=1)
    person = UserFactory()
    request = _get()
    request.user = person

    primary_pins.pin_person(user_id=person.pk, until=int(replicated["now"]) + 5, seconds=5)

    assert primary_pins.person_is_pinned(user_id=person.pk)
    assert _reads_during(request)[0]["post"] == PRIMARY


def test_while_the_redis_breaker_is_open_a_pin_is_not_tried_and_the_person_reads_the_primary(replicated, settings, db):
    _cache_on_a_redis_nobody_answers(settings, REDIS_CLIENT_CLASS="threadly.redis_guard.GuardedRedis")
    for _ in range(settings.REDIS_BREAKER_FAILURES):
        redis_guard.call_failed()
    failed_before = redis_guard.FAILED_CALLS._value.get()
    skipped_before = redis_guard.SKIPPED_CALLS._value.get()
    person = UserFactory()

    assert primary_pins.person_is_pinned(user_id=person.pk)
    assert redis_guard.SKIPPED_CALLS._value.get() == skipped_before + 1
    assert redis_guard.FAILED_CALLS._value.get() == failed_before
    request = _get()
    request.user = person
    assert _reads_during(request)[0]["post"] == PRIMARY
