"""Threadly behind PgBouncer in transaction mode, as `make up` runs it.

gunicorn (2 workers × 4 threads) and a management command reach the test database only through a
PgBouncer of the test's own that lends each of them one of POOL_SIZE server connections for one
transaction at a time. Without Redis, so that the cache (rate limits, badges) is a table read and
written through PgBouncer as well. PgBouncer's admin console shows where the traffic went.
"""

import contextlib
import json
import os
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psycopg
import pytest
from django.db import connection

from notifications.models import Event

from .pgbouncer import POOL_SIZE, PgBouncer
from .processes import PROJECT_ROOT, free_port, log_tail, start_process_group, started, stop_process, wait_until

pytestmark = [pytest.mark.pgbouncer, pytest.mark.postgres]

API = "/api/threadly/v1"
PASSWORD = "pooled-connections-1843"
CLIENTS = 8


class PooledSite:
    """gunicorn on a free loopback port, its DATABASE_URL at PgBouncer in transaction mode."""

    def __init__(self, directory: Path, bouncer: PgBouncer):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = directory / "gunicorn.log"
        self.env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(directory),
            "LANG": "C.UTF-8",
            "DATABASE_URL": bouncer.url(),
            "DATABASE_POOL_MODE": "transaction",
            "REDIS_URL": "",
            "SECRET_KEY": "threadly-tests-only-a-key-long-enough-for-hs256",
            "SECURE_SSL_REDIRECT": "false",
            "SECURE_COOKIES": "false",
            "STATIC_MANIFEST": "false",
            "MEDIA_ROOT": str(directory / "media"),
        }
        self.process: subprocess.Popen | None = None

    def manage(self, *arguments: str) -> str:
        finished = subprocess.run(
            [sys.executable, "manage.py", *arguments],
            cwd=PROJECT_ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert finished.returncode == 0, finished.stdout + finished.stderr
        return finished.stdout

    def start(self) -> None:
        command = [
            *(sys.executable, "-m", "gunicorn", "threadly.wsgi:application", "--bind", f"127.0.0.1:{self.port}"),
            *("--workers", "2", "--worker-class", "gthread", "--threads", str(CLIENTS // 2)),
        ]
        self.process = start_process_group(command, log=self.log, env=self.env)

        def answers() -> bool:
            if self.process.poll() is not None:
                raise AssertionError(f"gunicorn exited with {self.process.returncode}:\n{log_tail(self.log)}")
            with contextlib.suppress(OSError):
                return self.request("GET", "/readyz")[0] == 200
            return False

        wait_until(answers, timeout=30, what="gunicorn to answer /readyz", interval=0.1)

    def stop(self) -> None:
        if self.process is None:
            return
        stop_process(self.process, timeout=15)
        self.process = None

    def request(self, method: str, path: str, *, token: str = "", data: dict | None = None) -> tuple[int, dict]:
        headers = {"Content-Type": "application/json"} | ({"Authorization": f"Bearer {token}"} if token else {})
        body = json.dumps(data).encode() if data is not None else None
        request = urllib.request.Request(self.url + path, data=body, method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                status, raw, content_type = response.status, response.read(), response.headers.get_content_type()
        except urllib.error.HTTPError as error:
            status, raw, content_type = error.code, error.read(), error.headers.get_content_type()
        return status, (json.loads(raw) if raw and content_type == "application/json" else {})

    def sign_up(self, username: str, display_name: str = "") -> str:
        """Register, then log in: the access token."""
        registered = {"username": username, "email": f"{username}@example.org", "password": PASSWORD}
        status, body = self.request("POST", f"{API}/auth/register", data=registered | {"display_name": display_name})
        assert status == 201, body
        status, body = self.request("POST", f"{API}/auth/token", data={"username": username, "password": PASSWORD})
        assert status == 200, body
        return body["access"]


@pytest.fixture
def bouncer(transactional_db) -> Iterator[PgBouncer]:
    with started(PgBouncer(database=connection.settings_dict)) as server:
        yield server


@pytest.fixture
def site(tmp_path, bouncer) -> Iterator[PooledSite]:
    server = PooledSite(tmp_path, bouncer)
    try:
        # The embedded cache's table, created through PgBouncer as well; dropped with the test's data.
        server.manage("createcachetable")
        server.start()
        yield server
    finally:
        server.stop()
        with connection.cursor() as cursor:
            cursor.execute("DROP TABLE IF EXISTS threadly_cache")


def test_people_post_follow_read_and_search_through_pgbouncer(site, bouncer):
    before = bouncer.stats()
    ada, mike = site.sign_up("ada"), site.sign_up("mike_b", "Michael Brown")

    status, post = site.request("POST", f"{API}/posts", token=mike, data={"body": "Pooled connections hold up"})
    assert status == 201, post
    assert site.request("POST", f"{API}/users/mike_b/follow", token=ada)[0] in {200, 201}

    status, home = site.request("GET", f"{API}/posts", token=ada)
    assert status == 200
    assert [item["id"] for item in home["results"]] == [post["id"]]
    status, found = site.request("GET", f"{API}/search?type=users&q=micheal", token=ada)
    assert status == 200
    assert [person["username"] for person in found["results"]] == ["mike_b"]
    status, badge = site.request("GET", f"{API}/notifications/unread-count", token=mike)
    assert (status, badge["unread_count"]) == (200, 1)

    after = bouncer.stats()
    assert after["total_xact_count"] > before["total_xact_count"]
    assert bouncer.pool()["pool_mode"] == "transaction"


def test_concurrent_requests_share_the_few_server_connections(site, bouncer):
    tokens = [site.sign_up(f"reader_{number}") for number in range(CLIENTS)]
    site.request("POST", f"{API}/posts", token=tokens[0], data={"body": "Read by everyone at once"})

    with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
        answers = list(pool.map(lambda token: site.request("GET", f"{API}/posts", token=token), tokens * 4))

    assert {status for status, _ in answers} == {200}
    clients = [row for row in bouncer.admin("SHOW CLIENTS") if row["database"] == bouncer.alias]
    servers = [row for row in bouncer.admin("SHOW SERVERS") if row["database"] == bouncer.alias]
    assert len(clients) > POOL_SIZE >= len(servers) > 0


def test_a_management_command_iterates_through_pgbouncer(site, bouncer):
    """relay_outbox walks the parked events with .iterator(): a server-side cursor would not survive
    PgBouncer handing its connection to another client between fetches."""
    followers = [site.sign_up(f"follower_{number}") for number in range(3)]
    site.sign_up("followed")
    for token in followers:
        assert site.request("POST", f"{API}/users/followed/follow", token=token)[0] in {200, 201}
    Event.objects.update(status=Event.Status.PARKED)

    output = site.manage("relay_outbox", "--parked")

    assert "Handed 3 events to the workers." in output
    assert set(Event.objects.values_list("status", flat=True)) == {Event.Status.DONE}


def test_every_pooled_connection_searches_with_the_typo_tolerant_threshold(bouncer):
    with psycopg.connect(bouncer.url(), autocommit=True) as pooled:
        assert pooled.execute("SHOW pg_trgm.word_similarity_threshold").fetchone() == ("0.3",)


def test_pgbouncer_refuses_a_startup_option(bouncer):
    """Why the threshold is a setting of the database: PgBouncer will not pass `-c …` on."""
    with pytest.raises(psycopg.OperationalError, match="unsupported startup parameter: options"):
        psycopg.connect(bouncer.url(options="-c%20pg_trgm.word_similarity_threshold%3D0.3"))


def test_a_server_side_cursor_is_lost_between_transactions(bouncer):
    """Why DATABASE_POOL_MODE=transaction turns Django's server-side cursors off: `.iterator()` would
    DECLARE one (WITH HOLD, outside a transaction) on one server connection, and its next FETCH may
    be sent over another, busy with a client's transaction meanwhile."""
    with psycopg.connect(bouncer.url(), autocommit=True) as reader, psycopg.connect(bouncer.url()) as other:
        iterating = reader.cursor("iterating", withhold=True)
        iterating.execute("SELECT generate_series(1, 10)")
        other.execute("SELECT 1")  # Its transaction takes the server connection the cursor was declared on.

        with pytest.raises(psycopg.errors.InvalidCursorName):
            iterating.fetchmany(5)
