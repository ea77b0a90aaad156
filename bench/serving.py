"""The benchmarks' processes: gunicorn measured with wrk, and a Celery worker; each started as a child
with a session of its own and stopped by its own pid, never by name.

Children inherit the benchmark's environment (bench/home_feeds.py sets it before Django starts), so
they reach the same throwaway PostgreSQL and Redis, page size and lifted rate limits.
"""

import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WRK_MISSING = "wrk is not installed: `apt-get install -y wrk` (Debian/Ubuntu) or `brew install wrk`."


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _stop(process: subprocess.Popen, what: str) -> None:
    """SIGTERM to the process we started (gunicorn's and Celery's masters stop their own children)."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        print(f"  {what} (pid {process.pid}) did not stop in 30 s; killing it", flush=True)
        process.kill()
        process.wait()


@contextmanager
def gunicorn(*, workers: int = 2):
    """gunicorn serving Threadly on a free loopback port; yields its base URL once /healthz answers."""
    port = free_port()
    log = open("/tmp/threadly-bench-gunicorn.log", "w")  # noqa: SIM115 (closed below)
    command = [
        *(sys.executable, "-m", "gunicorn", "threadly.wsgi:application", "--workers", str(workers)),
        *("--bind", f"127.0.0.1:{port}", "--log-level", "warning"),
    ]
    process = subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{base}/healthz", timeout=10) as response:
                    if response.status == 200:
                        break
            except OSError:  # not listening yet, or still loading Django
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("gunicorn did not start: see /tmp/threadly-bench-gunicorn.log") from None
                time.sleep(0.2)
        yield base
    finally:
        _stop(process, "gunicorn")
        log.close()


@contextmanager
def celery_worker(*, queues: str, processes: int = 1):
    """One `celery worker` on `queues`; yields once it has said it is ready."""
    log_path = Path("/tmp/threadly-bench-worker.log")
    log = log_path.open("w")
    command = [
        *(sys.executable, "-m", "celery", "-A", "threadly", "worker", "-Q", queues, "-c", str(processes)),
        *("--loglevel", "INFO", "--without-gossip", "--without-mingle", "--without-heartbeat"),
    ]
    process = subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while "ready." not in log_path.read_text():
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the Celery worker did not start: see {log_path}")
            time.sleep(0.2)
        yield process
    finally:
        _stop(process, "celery worker")
        log.close()


def check_answers(url: str, headers: dict[str, str], *, times: int = 10) -> None:
    """The page answers 200 to these headers (not a login redirect, not a 429), since wrk counts any
    answer; asked a few times, which also warms both workers before they are measured."""
    request = urllib.request.Request(url, headers=headers)
    for _ in range(times):
        with urllib.request.urlopen(request, timeout=30) as response:
            if response.status != 200 or response.url != url:
                raise RuntimeError(f"{url} answered {response.status} at {response.url}")


@dataclass(frozen=True)
class WrkRun:
    requests_per_second: float
    latency_p50_ms: float
    latency_p99_ms: float


def _milliseconds(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000}[unit]


def wrk(url: str, *, headers: dict[str, str], seconds: int, connections: int) -> WrkRun:
    """One wrk run (one thread, so that wrk takes as little of the two cores as it can)."""
    if shutil.which("wrk") is None:
        sys.exit(WRK_MISSING)
    check_answers(url, headers)
    # A long timeout: a slow page is measured as slow, not dropped as a socket error.
    command = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--timeout", "30s", "--latency"]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    if match := re.search(r"Non-2xx or 3xx responses: (\d+)", output):
        raise RuntimeError(f"{url}: {match.group(1)} answers were not 2xx or 3xx:\n{output}")
    if "Socket errors" in output:
        print(f"  wrk {url}: {re.search(r'Socket errors.*', output).group(0)}", flush=True)
    latency = dict(re.findall(r"^\s*(50|99)%\s+(\S+)\s*$", output, flags=re.MULTILINE))
    if len(latency) < 2 or "Requests/sec" not in output:
        raise RuntimeError(f"wrk's output for {url} was not understood:\n{output}")
    return WrkRun(
        requests_per_second=float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        latency_p50_ms=_milliseconds(latency["50"]),
        latency_p99_ms=_milliseconds(latency["99"]),
    )
