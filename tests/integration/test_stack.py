"""`make up` / `make down` (bin/stack) as a person uses them: the stack comes up on its own PostgreSQL,
Redis and PgBouncer, people sign up and post, the real workers deliver, `down` drains and leaves no
process behind, and the next `up` finds everything where it was left.
"""

import json
import re
import time
from collections.abc import Iterator

import pytest

from .processes import wait_until
from .stack import Browser, Stack, alive, finish_request, slow_request, wait_for_line

pytestmark = [pytest.mark.postgres, pytest.mark.redis]

PASSWORD = "stack-analytical-1843"
API = "/api/threadly/v1"
# More than honcho's own 5 s between the first process's exit (beat's, at once) and its SIGKILL to the rest.
HELD_DURING_SHUTDOWN = 6.5


@pytest.fixture
def stack() -> Iterator[Stack]:
    stack = Stack()
    try:
        yield stack
    finally:
        stack.remove()


def sign_up(stack: Stack, username: str) -> Browser:
    person = Browser(stack)
    signed_up = person.submit(
        "/accounts/signup/",
        {
            "username": username,
            "email": f"{username}@example.org",
            "display_name": username.title(),
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert signed_up.status_code == 200 and signed_up.url == stack.url + "/", signed_up.text[-2000:]
    return person


def log_in(stack: Stack, username: str) -> Browser:
    person = Browser(stack)
    logged_in = person.submit("/accounts/login/", {"username": username, "password": PASSWORD})
    assert logged_in.url == stack.url + "/", logged_in.text[-2000:]
    return person


def api_token(person: Browser, username: str) -> dict[str, str]:
    answer = person.post(
        person.stack.url + f"{API}/auth/token", json={"username": username, "password": PASSWORD}, timeout=30
    )
    assert answer.status_code == 200, answer.text
    return {"Authorization": f"Bearer {answer.json()['access']}"}


def notifications_of(person: Browser, auth: dict[str, str]) -> list[dict]:
    answer = person.get(person.stack.url + f"{API}/notifications", headers=auth, timeout=30)
    assert answer.status_code == 200, answer.text
    return answer.json()["results"]


def test_up_serves_people_down_drains_and_stops_everything_and_the_data_stays(stack):
    started = stack.run("up")
    assert f"Threadly is up at {stack.url}/" in started
    assert "PgBouncer (transaction pooling)" in started

    ada = sign_up(stack, "ada")
    ada_auth = api_token(ada, "ada")
    posted = ada.post(stack.url + f"{API}/posts", json={"body": "Hello from make up"}, headers=ada_auth, timeout=30)
    assert posted.status_code == 201, posted.text
    bob = sign_up(stack, "bob")
    followed = bob.submit("/@ada/follow/", {}, form_page="/@ada")
    assert followed.status_code == 200

    # Delivered by the fan-out worker, through the broker: the web process does not run tasks.
    told = wait_until(
        lambda: [n for n in notifications_of(ada, ada_auth) if n["kind"] == "follow"], timeout=30, what="ada told"
    )
    assert [n["actor"]["username"] for n in told] == ["bob"]
    assert "Hello from make up" in bob.get_page("/")
    delivered_by_the_worker = r"^\S+ worker_fanout\.1 .*notifications\.tasks\.\w+\[[-\w]+\] succeeded"
    assert re.search(delivered_by_the_worker, stack.log.read_text(), re.MULTILINE)

    status = stack.run("status")
    assert "honcho: running" in status and "postgres: running" in status and "redis: running" in status
    assert f"web: ready at {stack.url}/" in status

    # A request in flight when `down` begins gets its whole answer; `down` then stops every process.
    processes = stack.processes()
    body = json.dumps({"username": "ada", "password": PASSWORD}).encode()
    in_flight = slow_request(stack.url, f"{API}/auth/token", body)
    time.sleep(0.5)
    began = time.monotonic()
    down = stack.start_down()
    wait_for_line(stack.log, "SIGTERM received", timeout=10)
    time.sleep(HELD_DURING_SHUTDOWN)
    status_code, answer = finish_request(in_flight, body)
    assert status_code == 200 and "access" in json.loads(answer)
    assert down.wait(timeout=60) == 0, down.stdout.read()
    assert time.monotonic() - began < 40
    assert [pid for pid in processes if alive(pid)] == []
    log = stack.log.read_text()
    assert log.count("Warm shutdown (MainProcess)") == 3
    assert "Shutting down: Master" in log
    assert "SIGKILL" not in log
    assert "honcho: stopped" in stack.run("status")

    stack.run("up")
    bob_again = log_in(stack, "bob")
    assert "Hello from make up" in bob_again.get_page("/")
    assert [n["actor"]["username"] for n in notifications_of(ada, api_token(ada, "ada"))] == ["bob"]
    processes = stack.processes()
    stack.run("down")
    assert [pid for pid in processes if alive(pid)] == []
