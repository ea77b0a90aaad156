"""Reads on a real streaming replica (bin/with-services --replica), with its replay paused.

While replay is paused the replica lags the primary for as long as the test likes: whatever a
person reads from it lacks what was just written. The writer reads their own posts back at once
(the primary, for READ_YOUR_WRITES_SECONDS), another person does not see them until replay
resumes, which shows their reads were the replica's.
"""

import secrets
from collections.abc import Iterator
from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connections, transaction
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone
from oauth2_provider.models import AccessToken, Application
from rest_framework.test import APIClient
from rest_framework_simplejwt.tokens import RefreshToken

from accounts.factories import UserFactory
from mastodon_api.tests import oauth_flow
from posts.models import Post
from posts.tests.helpers import POSTS, detail, post_ids_on
from tests.replicas import REPLICA
from threadly import primary_pins
from threadly.db_router import ReplicaReadsMiddleware

from .processes import wait_until

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.replica,
    pytest.mark.django_db(transaction=True, databases=["default", REPLICA]),
]
SECONDS = 10


def _replica_query(sql: str):
    with connections[REPLICA].cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchone()[0]


def _caught_up() -> None:
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_insert_lsn()::text")
        primary_lsn = cursor.fetchone()[0]

    def replayed() -> bool:
        with connections[REPLICA].cursor() as cursor:
            cursor.execute("SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [primary_lsn])
            return cursor.fetchone()[0]

    wait_until(replayed, timeout=20, what="the replica to replay the primary's WAL")


class Replica:
    """The replica's replay, paused and resumed; `clock["now"]` is the time the pins are read by."""

    def __init__(self):
        self.clock = {"now": 2_000_000_000.0}

    def pause(self) -> None:
        """Stops replay once the replica holds everything committed so far."""
        _caught_up()
        _replica_query("SELECT pg_wal_replay_pause()::text")
        wait_until(
            lambda: _replica_query("SELECT pg_get_wal_replay_pause_state()") == "paused",
            timeout=10,
            what="replay to pause",
        )

    def resume(self) -> None:
        _replica_query("SELECT pg_wal_replay_resume()::text")
        _caught_up()


@pytest.fixture
def replica(settings, monkeypatch) -> Iterator[Replica]:
    """The router on, replica_1 on the real replica (tests/replicas.py), and a clock for the pins.

    Only committed data reaches the replica: these tests run in transactional_db.
    """
    settings.DATABASE_ROUTERS = ["threadly.db_router.PrimaryReplicaRouter"]
    settings.READ_YOUR_WRITES_SECONDS = SECONDS
    server = Replica()
    monkeypatch.setattr(primary_pins, "now", lambda: server.clock["now"])
    _caught_up()
    try:
        yield server
    finally:
        try:
            server.resume()
        finally:
            connections[REPLICA].close()


@pytest.fixture
def alice(db):
    return UserFactory(username="alice", display_name="Alice", password="a-long-password-1")


@pytest.fixture
def bob(db):
    return UserFactory(username="bob", display_name="Bob")


def _browser(user) -> Client:
    browser = Client()
    browser.force_login(user)
    return browser


def _jwt_client(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {RefreshToken.for_user(user).access_token}")
    return client


def _oauth_token(user) -> str:
    app = Application.objects.create(
        name="An app",
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris="urn:ietf:wg:oauth:2.0:oob",
    )
    return AccessToken.objects.create(
        user=user,
        application=app,
        token=secrets.token_urlsafe(32),
        expires=timezone.now() + timedelta(days=1),
        scope="read write follow push",
    ).token


def _profile(user) -> str:
    return reverse("social:profile", kwargs={"username": user.username})


def test_a_post_from_the_page_is_the_writers_at_once_and_the_others_after_replay(replica, alice, bob):
    alice_browser, bob_browser = _browser(alice), _browser(bob)
    replica.pause()

    response = alice_browser.post(reverse("posts:create"), {"body": "Fresh from the page", "visibility": "public"})
    assert response.status_code == 302
    post = Post.objects.get(body="Fresh from the page")

    assert post.pk in post_ids_on(alice_browser.get(_profile(alice)))
    assert post.pk in post_ids_on(alice_browser.get(reverse("social:home")))
    assert alice_browser.get(post.get_absolute_url()).status_code == 200

    assert post.pk not in post_ids_on(bob_browser.get(_profile(alice)))
    assert bob_browser.get(post.get_absolute_url()).status_code == 404

    replica.resume()
    assert post.pk in post_ids_on(bob_browser.get(_profile(alice)))
    assert bob_browser.get(post.get_absolute_url()).status_code == 200


def test_after_read_your_writes_seconds_the_writer_reads_the_replica_again(replica, alice):
    alice_browser = _browser(alice)
    replica.pause()
    alice_browser.post(reverse("posts:create"), {"body": "Soon on the replica", "visibility": "public"})
    post = Post.objects.get()

    replica.clock["now"] += SECONDS - 1
    assert alice_browser.get(post.get_absolute_url()).status_code == 200

    replica.clock["now"] += 3
    assert alice_browser.get(post.get_absolute_url()).status_code == 404


def test_a_post_from_the_api_is_the_writers_in_the_browser_too(replica, alice, bob):
    alice_app, alice_browser, bob_app = _jwt_client(alice), _browser(alice), _jwt_client(bob)
    replica.pause()

    response = alice_app.post(POSTS, {"body": "Posted from the app"}, format="json")
    assert response.status_code == 201
    post_id = response.json()["id"]

    assert alice_app.get(detail(post_id)).status_code == 200
    assert post_id in post_ids_on(alice_browser.get(_profile(alice)))
    assert bob_app.get(detail(post_id)).status_code == 404

    replica.resume()
    assert bob_app.get(detail(post_id)).status_code == 200


def test_a_status_from_the_mastodon_api_is_the_writers_at_once(replica, alice, bob):
    alice_app = APIClient()
    alice_app.credentials(HTTP_AUTHORIZATION=f"Bearer {_oauth_token(alice)}")
    bob_app = APIClient()
    bob_app.credentials(HTTP_AUTHORIZATION=f"Bearer {_oauth_token(bob)}")
    replica.pause()

    response = alice_app.post("/api/v1/statuses", {"status": "Tooted from an app"})
    assert response.status_code == 200
    status_id = response.json()["id"]

    assert alice_app.get(f"/api/v1/statuses/{status_id}").status_code == 200
    assert bob_app.get(f"/api/v1/statuses/{status_id}").status_code == 404

    replica.resume()
    assert bob_app.get(f"/api/v1/statuses/{status_id}").status_code == 200


def test_a_login_then_the_next_page_works_with_replay_paused(replica, alice):
    browser = Client()
    replica.pause()

    response = browser.post(reverse("accounts:login"), {"username": "alice", "password": "a-long-password-1"})
    assert response.status_code == 302

    home = browser.get(reverse("social:home"))
    assert home.status_code == 200
    assert home.context["user"] == alice


def test_an_app_registered_and_a_token_issued_a_moment_ago_work_with_replay_paused(replica, alice):
    """The app registers, Alice (who wrote nothing) consents in her browser, the app swaps the code:
    each step reads what the one before wrote, only on the primary."""
    replica.pause()

    token = oauth_flow.login(alice)
    response = oauth_flow.bearer(token).get("/api/v1/accounts/verify_credentials")

    assert response.status_code == 200
    assert response.json()["username"] == "alice"


def test_unsafe_requests_read_the_primary(replica, alice, bob):
    replica.pause()
    post = Post.objects.create(author=alice, body="Written while replay is paused")
    bob_browser = _browser(bob)

    assert bob_browser.get(post.get_absolute_url()).status_code == 404
    response = bob_browser.post(reverse("posts:like", kwargs={"post_id": post.pk}))

    assert response.status_code in {200, 302}
    assert post.likes.filter(user=bob).exists()


def test_inside_an_atomic_block_a_safe_request_reads_the_primary(replica, alice):
    post = Post.objects.create(author=alice, body="Only on the primary yet")
    replica.pause()
    Post.objects.filter(pk=post.pk).update(body="Edited while replay is paused")
    seen = {}

    def view(request):
        seen["outside"] = Post.objects.get(pk=post.pk).body
        with transaction.atomic():
            seen["inside"] = Post.objects.get(pk=post.pk).body
        return HttpResponse()

    request = RequestFactory().get(post.get_absolute_url())
    request.user = AnonymousUser()
    ReplicaReadsMiddleware(view)(request)

    assert seen == {"outside": "Only on the primary yet", "inside": "Edited while replay is paused"}
