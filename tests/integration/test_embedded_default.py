"""The embedded default (SQLite, no REDIS_URL) under gunicorn with two worker processes: a rate
limit is counted once across both, and a badge one worker cached is gone when the other delivers.

gunicorn runs on a database of its own in the test's folder, on a free loopback port, and is
stopped by its own pid (its workers by its process group). Each request names itself in
X-Request-ID, and the access log says which worker (pid) answered it.
"""

import contextlib
import json
import re
import subprocess
import sys
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from .processes import PROJECT_ROOT, free_port, log_tail, start_process_group, started, stop_process, wait_until

API_ANON_LIMIT = 30


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: dict
    request_id: str


class EmbeddedSite:
    def __init__(self, directory: Path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.access_log = directory / "access.log"
        self.error_log = directory / "gunicorn.log"
        self.env = {
            "PATH": "/usr/bin:/bin",
            "HOME": str(directory),
            "LANG": "C.UTF-8",
            "DATABASE_URL": f"sqlite:///{directory / 'db.sqlite3'}",
            "REDIS_URL": "",
            "SECRET_KEY": "threadly-tests-only-a-key-long-enough-for-hs256",
            "SECURE_SSL_REDIRECT": "false",
            "SECURE_COOKIES": "false",
            "STATIC_MANIFEST": "false",
            "RATE_LIMIT_API_ANON": f"{API_ANON_LIMIT}/3600",
        }
        self.process: subprocess.Popen | None = None

    def manage(self, *arguments: str) -> None:
        subprocess.run(
            [sys.executable, "manage.py", *arguments],
            cwd=PROJECT_ROOT,
            env=self.env,
            check=True,
            capture_output=True,
            timeout=120,
        )

    def start(self) -> None:
        self.manage("migrate", "--noinput", "-v0")
        self.manage("createcachetable")
        command = [
            *(sys.executable, "-m", "gunicorn", "threadly.wsgi:application", "--workers", "2"),
            *("--bind", f"127.0.0.1:{self.port}", "--access-logfile", str(self.access_log)),
            *("--access-logformat", "%(p)s %({x-request-id}i)s %(s)s"),
        ]
        self.process = start_process_group(command, log=self.error_log, env=self.env)

        def answers() -> bool:
            if self.process.poll() is not None:
                raise AssertionError(f"gunicorn exited with {self.process.returncode}:\n{log_tail(self.error_log)}")
            with contextlib.suppress(OSError):
                return self.request("GET", "/healthz").status == 200
            return False

        wait_until(answers, timeout=30, what="gunicorn to answer /healthz", interval=0.1)

    def stop(self) -> None:
        if self.process is None:
            return
        stop_process(self.process, timeout=15)
        self.process = None

    def request(self, method: str, path: str, *, token: str | None = None, data: dict | None = None) -> Answer:
        """One request on a connection of its own, so that either worker may take it."""
        request_id = uuid.uuid4().hex
        headers = {"X-Request-ID": request_id, "Content-Type": "application/json"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        body = json.dumps(data).encode() if data is not None else None
        request = urllib.request.Request(self.url + path, data=body, method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                status, raw, answer_headers = response.status, response.read(), response.headers
        except urllib.error.HTTPError as error:
            status, raw, answer_headers = error.code, error.read(), error.headers
        parsed = json.loads(raw) if raw and answer_headers.get_content_type() == "application/json" else {}
        return Answer(status, dict(answer_headers), parsed, request_id)

    def at_once(self, count: int, method: str, path: str, **options) -> list[Answer]:
        with ThreadPoolExecutor(max_workers=count) as pool:
            return list(pool.map(lambda _: self.request(method, path, **options), range(count)))

    def workers_that_answered(self, answers: list[Answer]) -> set[str]:
        wanted = {answer.request_id for answer in answers}
        served = re.findall(r"^<(\d+)> (\w+) \d+$", self.access_log.read_text(), flags=re.MULTILINE)
        return {pid for pid, request_id in served if request_id in wanted}

    def token_for(self, username: str) -> str:
        password = "embedded-default-1843"
        registered = self.request(
            "POST",
            "/api/threadly/v1/auth/register",
            data={"username": username, "email": f"{username}@example.org", "password": password},
        )
        assert registered.status == 201, registered.body
        token = self.request("POST", "/api/threadly/v1/auth/token", data={"username": username, "password": password})
        return token.body["access"]


@pytest.fixture
def site(tmp_path) -> Iterator[EmbeddedSite]:
    with started(EmbeddedSite(tmp_path)) as server:
        yield server


def test_a_rate_limit_is_counted_once_across_the_workers(site):
    before = site.request("GET", "/api/threadly/v1/posts")
    remaining = int(before.headers["X-RateLimit-Remaining"])

    answers = site.at_once(2 * API_ANON_LIMIT, "GET", "/api/threadly/v1/posts")

    allowed = [answer for answer in answers if answer.status == 200]
    assert len(site.workers_that_answered(answers)) == 2
    assert len(allowed) == remaining
    assert sorted(int(answer.headers["X-RateLimit-Remaining"]) for answer in allowed) == list(range(remaining))
    assert {answer.status for answer in answers} == {200, 429}


def test_a_badge_cached_by_one_worker_is_dropped_when_the_other_delivers(site):
    ada, bob = site.token_for("ada"), site.token_for("bob")
    before = site.at_once(12, "GET", "/api/threadly/v1/notifications/unread-count", token=ada)
    assert {answer.body["unread_count"] for answer in before} == {0}
    assert len(site.workers_that_answered(before)) == 2

    assert site.request("POST", "/api/threadly/v1/users/ada/follow", token=bob).status in {200, 201}

    after = site.at_once(12, "GET", "/api/threadly/v1/notifications/unread-count", token=ada)
    assert len(site.workers_that_answered(after)) == 2
    assert [answer.body["unread_count"] for answer in after] == [1] * 12
