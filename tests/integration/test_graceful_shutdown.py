"""SIGTERM, as an orchestrator (or `make down`) sends it, stops Threadly's processes without losing work.

gunicorn runs with deploy/gunicorn.conf.py on the test database; a request is held in flight by
sending its body in two halves. The workers' side uses a task that takes its time
(slow_tasks.hold_then_record). A worker killed hard mid-task leaves its task to be delivered again:
test_notification_fanout.py's test_a_worker_killed_mid_fan_out_is_replaced_and_every_follower_is_told_once.
`make down` (honcho passing SIGTERM to every process) is in test_stack.py.
"""

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Callable, Iterator

import pytest
import redis
from django.contrib.auth.hashers import PBKDF2PasswordHasher

from accounts.factories import UserFactory
from accounts.models import User
from threadly.celery import app

from .conftest import _test_database_url
from .processes import free_port, log_tail, start_process_group, wait_until
from .slow_tasks import HOLD_TASK
from .stack import finish_request, slow_request

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.django_db(transaction=True)]

PASSWORD = "graceful-shutdown-1843"
TOKEN_PATH = "/api/threadly/v1/auth/token"


def refuses_connections(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
    except ConnectionRefusedError:
        return True
    return False


@pytest.fixture
def start_gunicorn(transactional_db, redis_server, tmp_path) -> Iterator[Callable[..., tuple]]:
    """`start_gunicorn(graceful_timeout)`: gunicorn on deploy/gunicorn.conf.py and a free port, answering."""
    started: list[subprocess.Popen] = []

    def start(*, graceful_timeout: int) -> tuple[subprocess.Popen, int]:
        port = free_port()
        env = {
            "PATH": os.environ["PATH"],
            "LANG": "C.UTF-8",
            "DATABASE_URL": _test_database_url(),
            "REDIS_URL": redis_server.url,
            "SECRET_KEY": "threadly-tests-only-a-key-long-enough-for-hs256",
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "false",
            "SECURE_COOKIES": "false",
            "STATIC_MANIFEST": "false",
            "GUNICORN_BIND": f"127.0.0.1:{port}",
            "WEB_CONCURRENCY": "2",
            "GUNICORN_GRACEFUL_TIMEOUT": str(graceful_timeout),
        }
        log = tmp_path / f"gunicorn-{port}.log"
        command = [sys.executable, "-m", "gunicorn", "threadly.wsgi:application", "--config", "deploy/gunicorn.conf.py"]
        process = start_process_group(command, log=log, env=env)
        started.append(process)

        def answers() -> bool:
            assert process.poll() is None, f"gunicorn exited:\n{log_tail(log)}"
            with (
                contextlib.suppress(OSError),
                urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as response,
            ):
                return response.status == 200
            return False

        wait_until(answers, timeout=30, what="gunicorn to answer /healthz")
        return process, port

    yield start
    for process in started:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()


@pytest.fixture
def credentials(transactional_db) -> bytes:
    # Hashed as gunicorn's Threadly checks it (the tests' own fast hasher is not among its hashers).
    hasher = PBKDF2PasswordHasher()
    ada = UserFactory(username="ada")
    User.objects.filter(pk=ada.pk).update(password=hasher.encode(PASSWORD, hasher.salt()))
    return json.dumps({"username": "ada", "password": PASSWORD}).encode()


def answer_to(connection: socket.socket) -> bytes:
    """What a connection receives until it is closed; b"" when it is reset without an answer."""
    received = b""
    with contextlib.suppress(ConnectionResetError):
        while chunk := connection.recv(65536):
            received += chunk
    connection.close()
    return received


def test_gunicorn_answers_the_request_in_flight_serves_no_new_one_and_exits(start_gunicorn, credentials):
    gunicorn, port = start_gunicorn(graceful_timeout=25)
    in_flight = slow_request(f"http://127.0.0.1:{port}", TOKEN_PATH, credentials)
    time.sleep(0.5)

    gunicorn.send_signal(signal.SIGTERM)
    signalled = time.monotonic()
    time.sleep(1)
    # The busy worker still holds the listening socket it inherited, so the kernel queues this one;
    # no worker takes it, and it is reset when the last one exits.
    late = socket.create_connection(("127.0.0.1", port), timeout=30)
    late.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
    time.sleep(1)

    assert gunicorn.poll() is None, "gunicorn left before the request in flight was answered"
    status, body = finish_request(in_flight, credentials)
    assert status == 200
    assert set(json.loads(body)) >= {"access", "refresh"}
    assert gunicorn.wait(timeout=25) == 0
    assert time.monotonic() - signalled < 25
    assert answer_to(late) == b""
    assert refuses_connections(port)


def test_gunicorn_gives_up_on_a_request_held_past_its_graceful_timeout(start_gunicorn, credentials):
    gunicorn, port = start_gunicorn(graceful_timeout=2)
    in_flight = slow_request(f"http://127.0.0.1:{port}", TOKEN_PATH, credentials)
    time.sleep(0.5)

    gunicorn.send_signal(signal.SIGTERM)
    signalled = time.monotonic()

    gunicorn.wait(timeout=10)
    assert 2 <= time.monotonic() - signalled < 6
    in_flight.close()


def test_a_worker_told_to_stop_finishes_its_task_and_acknowledges_it(redis_server, start_worker):
    """SIGTERM to the worker's main process, as Kubernetes, Docker and bin/honcho-graceful send it."""
    worker = start_worker(include=("tests.integration.slow_tasks",))
    key = uuid.uuid4().hex

    app.send_task(HOLD_TASK, kwargs={"key": key, "seconds": 3, "redis_url": redis_server.url}, queue="default")
    broker = redis.Redis.from_url(redis_server.url)
    wait_until(lambda: broker.exists(f"{key}:started"), timeout=30, what="the task to start")

    worker.process.send_signal(signal.SIGTERM)

    assert worker.process.wait(timeout=30) == 0, log_tail(worker.log)
    worker.process = None
    assert broker.exists(f"{key}:finished"), log_tail(worker.log)
    # Acknowledged: nothing is left for the broker to deliver again.
    assert broker.hlen("unacked") == 0
    assert broker.llen("default") == 0
    assert "Warm shutdown" in worker.log.read_text()
