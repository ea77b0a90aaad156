"""The soak's stack (bench/soak.py): `make up`'s processes under a data directory of the soak's own, the
Redis outage, and the CPU each part of the stack (and locust) takes, sampled from /proc with psutil.

The stack is driven only through bin/stack and its pid files, so the soak runs whatever main's stack
starts (a router, a circuit breaker) without knowing of it.
"""

import os
import signal
import subprocess
import threading
import time
from collections import defaultdict
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
UNLIMITED = "1000000000/60"
# The soak measures capacity, not the rate limits: every simulated person comes from 127.0.0.1, so the
# per-address limits (20 logins in 5 minutes) would refuse them long before the machine is full.
SOAK_ENVIRONMENT = {
    **{
        f"RATE_LIMIT_{scope}": UNLIMITED
        for scope in ("SIGNUP", "LOGIN", "LOGIN_ACCOUNT", "POST", "UPLOAD", "FOLLOW", "API_ANON", "API_USER")
    },
    # Events left pending by the outage are handed over again 20 s after it, not 5 minutes.
    "OUTBOX_RELAY_AFTER_SECONDS": "20",
}


class Stack:
    """bin/stack with THREADLY_DATA=`data` and the soak's environment; the port is chosen on the first up."""

    def __init__(self, data: Path, port: int):
        self.data = data
        self.environment = {**os.environ, **SOAK_ENVIRONMENT, "THREADLY_DATA": str(data), "PORT": str(port)}

    def run(self, *arguments: str, capture: bool = False) -> str:
        result = subprocess.run(
            [str(ROOT / "bin/stack"), *arguments],
            cwd=ROOT,
            env=self.environment,
            check=True,
            text=True,
            stdout=subprocess.PIPE if capture else None,
        )
        return result.stdout or ""

    def up(self) -> None:
        self.run("up")

    def down(self) -> None:
        if (self.data / "stack.env").exists():
            self.run("down")

    def settings(self) -> dict[str, str]:
        lines = (self.data / "stack.env").read_text().splitlines()
        return dict(line.split("=", 1) for line in lines if "=" in line and not line.startswith("#"))

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.settings()['PORT']}"

    def django_environment(self) -> dict[str, str]:
        """What a process needs to reach the stack's database (directly, not through PgBouncer) and Redis."""
        settings = self.settings()
        return {
            **settings,
            **SOAK_ENVIRONMENT,
            "THREADLY_DATA": str(self.data),
            "DJANGO_SETTINGS_MODULE": "threadly.settings",
            "DATABASE_URL": f"postgres://threadly@127.0.0.1:{settings['STACK_POSTGRES_PORT']}/threadly",
            "REDIS_URL": f"redis://127.0.0.1:{settings['STACK_REDIS_PORT']}/0",
        }

    def pid(self, name: str) -> int | None:
        path = self.data / "run" / f"{name}.pid"
        return int(path.read_text().split()[0]) if path.exists() else None

    def postmaster_pid(self) -> int | None:
        path = self.data / "postgres" / "postmaster.pid"
        return int(path.read_text().split()[0]) if path.exists() else None

    def kill_redis(self) -> None:
        """Redis dies as in a crash (SIGKILL): what it had not yet written to its append-only file is lost."""
        pid = self.pid("redis")
        if pid is None:
            raise RuntimeError(f"no Redis pid file under {self.data}/run")
        os.kill(pid, signal.SIGKILL)
        while psutil.pid_exists(pid) and psutil.Process(pid).status() != psutil.STATUS_ZOMBIE:
            time.sleep(0.05)

    def bring_back(self) -> None:
        """`bin/stack up` starts whichever service is not running (here, Redis)."""
        self.run("up")


def _part_of_stack(process: psutil.Process) -> str:
    """Which part of the stack a process under honcho is, by its command line."""
    command = " ".join(process.cmdline())
    if "gunicorn" in command:
        return "gunicorn"
    if "celery" in command:
        return "celery beat" if " beat" in command else "celery workers"
    return "honcho"


class CpuSampler:
    """Every second, the CPU seconds used so far by each part: gunicorn, the Celery workers and beat,
    PostgreSQL, PgBouncer, Redis, locust, and the whole machine (others share it); `between` gives the
    cores each used over a window."""

    def __init__(self, stack: Stack):
        self.stack = stack
        self.locust_pid: int | None = None
        self.seen: dict[int, tuple[str, float]] = {}  # pid -> (part, its CPU seconds at the last sample)
        self.totals: dict[str, float] = defaultdict(float)
        self.samples: list[tuple[float, dict[str, float]]] = []
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._loop, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stopping.set()
        self.thread.join()

    def _tree(self, pid: int | None, part: str | None) -> list[tuple[psutil.Process, str]]:
        try:
            root = psutil.Process(pid) if pid else None
            if root is None:
                return []
            found = [(root, part or "honcho")]
            for child in root.children(recursive=True):
                found.append((child, part or _part_of_stack(child)))
            return found
        except psutil.Error:
            return []

    def _sample(self) -> None:
        processes = [
            *self._tree(self.stack.pid("honcho"), None),
            *self._tree(self.stack.postmaster_pid(), "postgresql"),
            *self._tree(self.stack.pid("pgbouncer"), "pgbouncer"),
            *self._tree(self.stack.pid("redis"), "redis"),
            *self._tree(self.locust_pid, "locust"),
        ]
        for process, part in processes:
            try:
                times = process.cpu_times()
            except psutil.Error:
                continue
            used = times.user + times.system
            _, before = self.seen.get(process.pid, (part, 0.0))
            self.totals[part] += max(0.0, used - before)
            self.seen[process.pid] = (part, used)
        machine = psutil.cpu_times()
        self.totals["machine"] = machine.user + machine.system + machine.nice + machine.irq + machine.softirq
        self.samples.append((time.time(), dict(self.totals)))

    def _loop(self) -> None:
        while not self.stopping.is_set():
            self._sample()
            self.stopping.wait(1.0)

    def between(self, started: float, ended: float) -> dict[str, float]:
        """Cores used by each part from `started` to `ended` (epoch seconds): CPU seconds per second."""
        inside = [sample for sample in self.samples if started <= sample[0] <= ended]
        if len(inside) < 2:
            return {}
        (first_at, first), (last_at, last) = inside[0], inside[-1]
        seconds = last_at - first_at
        return {part: (last.get(part, 0.0) - first.get(part, 0.0)) / seconds for part in last}
