"""The real processes the integration tests drive: a private redis-server and `celery worker`s.

Each is started as a child of the test and stopped by its own pid (a worker by its process
group, so that its prefork children go with it), never by name.
"""

import contextlib
import os
import signal
import socket
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import redis

PROJECT_ROOT = Path(__file__).resolve().parents[2]
CELERY = PROJECT_ROOT / ".venv" / "bin" / "celery"
QUEUES = "notifications,feeds,search,media,default"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until(condition: Callable[[], object], *, timeout: float, what: str, interval: float = 0.1) -> object:
    """Poll `condition` until it returns something truthy; AssertionError naming `what` after `timeout` s."""
    deadline = time.monotonic() + timeout
    while True:
        result = condition()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(interval)


def log_tail(path: Path, lines: int = 60) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except FileNotFoundError:
        return f"({path} was never written)"


def start_process_group(command: list[str], *, log: Path, env: dict[str, str]) -> subprocess.Popen:
    """Start `command` in the project folder, its output appended to `log`, in a process group of its
    own: killpg reaches its children (gunicorn's or celery's workers) too."""
    with log.open("ab") as output:
        return subprocess.Popen(
            command,
            cwd=PROJECT_ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


@contextlib.contextmanager
def started[Server](server: Server) -> Iterator[Server]:
    """Start a test's server (anything with start() and stop()) and stop it however the block ends,
    a start that failed half-way included."""
    try:
        server.start()
        yield server
    finally:
        server.stop()


def stop_process(process: subprocess.Popen, *, timeout: float) -> None:
    """SIGTERM, and after `timeout` s SIGKILL: to its process group when it leads one (a gunicorn or a
    celery started by start_process_group, whose children go with it), else to the process."""
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            process.kill()
        process.wait()


class RedisServer:
    """A redis-server of the test's own, so that stopping it disturbs nothing else of the suite."""

    def __init__(self, directory: Path, *, persistent: bool = False):
        self.directory = directory
        # Persistent: what it holds is written to an append-only file and read back when it starts again.
        self.persistent = persistent
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.log = directory / f"redis-{self.port}.log"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        assert self.process is None, "redis-server is already running"
        self.process = subprocess.Popen(
            [
                *("redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", ""),
                *("--appendonly", "yes" if self.persistent else "no"),
                *("--daemonize", "no", "--dir", str(self.directory), "--logfile", str(self.log)),
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        client = redis.Redis.from_url(self.url, socket_connect_timeout=0.2, socket_timeout=0.2)

        def answers() -> bool:
            if self.process.poll() is not None:
                raise AssertionError(f"redis-server exited with {self.process.returncode}:\n{log_tail(self.log)}")
            try:
                return client.ping()
            except redis.ConnectionError:
                return False

        try:
            wait_until(answers, timeout=10, what=f"redis-server on port {self.port}", interval=0.02)
        finally:
            client.close()

    def stop(self) -> None:
        if self.process is None:
            return
        stop_process(self.process, timeout=10)
        self.process = None


class CeleryWorker:
    """`celery -A threadly worker` consuming every queue, on the given database and Redis."""

    def __init__(self, *, log: Path, env: dict[str, str], concurrency: int = 2, include: tuple[str, ...] = ()):
        self.log = log
        self.env = env
        self.concurrency = concurrency
        self.include = include  # Modules of tasks beyond Threadly's (tests.integration.slow_tasks).
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        assert self.process is None, "the worker is already running"
        command = [
            *(str(CELERY), "-A", "threadly", "worker", "-Q", QUEUES, "-c", str(self.concurrency)),
            *("-n", f"{self.log.stem}@%h", "--without-gossip", "--without-mingle", "--without-heartbeat"),
            *("--loglevel", "INFO"),
            *(("--include", ",".join(self.include)) if self.include else ()),
        ]
        self.process = start_process_group(command, log=self.log, env=self.env)

    def wait_ready(self, timeout: float = 30) -> None:
        def ready() -> bool:
            if self.process.poll() is not None:
                raise AssertionError(f"the worker exited with {self.process.returncode}:\n{log_tail(self.log)}")
            return " ready." in self.log.read_text(errors="replace")

        try:
            wait_until(ready, timeout=timeout, what="the worker to be ready", interval=0.05)
        except AssertionError as error:
            raise AssertionError(f"{error}\n{log_tail(self.log)}") from None

    def kill(self) -> None:
        """SIGKILL to the whole group, as when the machine runs out of memory: no warm shutdown."""
        self._signal_group(signal.SIGKILL)
        self.process.wait()
        self.process = None

    def stop(self) -> None:
        """A warm shutdown, then SIGKILL if it takes too long."""
        if self.process is None:
            return
        self._signal_group(signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=15)
        self._signal_group(signal.SIGKILL)  # Also any child the main process left behind.
        self.process.wait()
        self.process = None

    def _signal_group(self, signum: int) -> None:
        with contextlib.suppress(ProcessLookupError):  # The group is already gone.
            os.killpg(self.process.pid, signum)
