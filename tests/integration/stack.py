"""`bin/stack` (make up / make down) driven as a person runs it, on a data directory and ports of the test's own."""

import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import requests

from .processes import PROJECT_ROOT, free_port, log_tail

STACK = PROJECT_ROOT / "bin" / "stack"


def process_tree(root: int) -> set[int]:
    """`root` and every process descending from it, from ps (honcho's children live in sessions of their own)."""
    table = subprocess.run(["ps", "-e", "-o", "pid=,ppid="], capture_output=True, text=True, check=True).stdout
    children: dict[int, list[int]] = {}
    for line in table.splitlines():
        pid, ppid = (int(field) for field in line.split())
        children.setdefault(ppid, []).append(pid)
    tree, pending = set(), [root]
    while pending:
        pid = pending.pop()
        tree.add(pid)
        pending.extend(children.get(pid, []))
    return tree


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie waiting for its parent has stopped running.
    state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] if Path(f"/proc/{pid}").exists() else "Z"
    return state != "Z"


class Stack:
    """One stack: its data directory (readable by the postgres user, which runs PostgreSQL when the
    tests run as root) and the ports chosen by the environment of the first `up`."""

    def __init__(self):
        self.data = Path(tempfile.mkdtemp(prefix="threadly-stack-"))
        self.data.chmod(0o755)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {
            "PATH": os.environ["PATH"],
            "HOME": str(self.data),
            "LANG": "C.UTF-8",
            "THREADLY_DATA": str(self.data),
            "PORT": str(self.port),
            "STACK_POSTGRES_PORT": str(free_port()),
            "STACK_REDIS_PORT": str(free_port()),
            "STACK_PGBOUNCER_PORT": str(free_port()),
            "WEB_CONCURRENCY": "2",
            "FANOUT_CONCURRENCY": "1",
        }

    @property
    def log(self) -> Path:
        return self.data / "log" / "threadly.log"

    def run(self, *arguments: str, timeout: float = 180) -> str:
        done = subprocess.run(
            [str(STACK), *arguments], env=self.env, capture_output=True, text=True, timeout=timeout, cwd=PROJECT_ROOT
        )
        command = " ".join(arguments)
        assert done.returncode == 0, f"bin/stack {command}: {done.stdout}{done.stderr}\n{log_tail(self.log)}"
        return done.stdout

    def start_down(self) -> subprocess.Popen:
        return subprocess.Popen(
            [str(STACK), "down"], env=self.env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )

    def pid(self, name: str) -> int:
        return int((self.data / "run" / f"{name}.pid").read_text())

    def processes(self) -> set[int]:
        """Every process the stack runs: honcho and the Procfile's, Redis, PgBouncer, PostgreSQL's."""
        postmaster = int((self.data / "postgres" / "postmaster.pid").read_text().split()[0])
        return process_tree(self.pid("honcho")) | {self.pid("redis"), self.pid("pgbouncer")} | process_tree(postmaster)

    def remove(self) -> None:
        """Stop whatever still runs (the test may have failed half-way), then delete the data."""
        subprocess.run([str(STACK), "down"], env=self.env, capture_output=True, timeout=120)
        shutil.rmtree(self.data, ignore_errors=True)


class Browser(requests.Session):
    """A person on the site's pages: cookies, and the CSRF token every form carries."""

    def __init__(self, stack: Stack):
        super().__init__()
        self.stack = stack

    def get_page(self, path: str) -> str:
        page = self.get(self.stack.url + path, timeout=30)
        assert page.status_code == 200, (path, page.status_code)
        return page.text

    def submit(self, path: str, fields: dict, *, form_page: str | None = None) -> requests.Response:
        page = self.get_page(form_page or path)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        return self.post(self.stack.url + path, data={"csrfmiddlewaretoken": token, **fields}, timeout=30)


def slow_request(url: str, path: str, body: bytes) -> socket.socket:
    """A POST whose body is only half sent: the request stays in flight until `finish_request`."""
    host, port = url.removeprefix("http://").split(":")
    connection = socket.create_connection((host, int(port)), timeout=60)
    head = (
        f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
    )
    connection.sendall(head.encode() + body[: len(body) // 2])
    return connection


def finish_request(connection: socket.socket, body: bytes) -> tuple[int, bytes]:
    """Send the rest of the body; the status and body of the answer."""
    connection.sendall(body[len(body) // 2 :])
    answer = b""
    while chunk := connection.recv(65536):
        answer += chunk
    connection.close()
    head, _, content = answer.partition(b"\r\n\r\n")
    return int(head.split()[1]), content


def wait_for_line(log: Path, text: str, *, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while text not in log.read_text(errors="replace"):
        assert time.monotonic() < deadline, f"{text!r} not in {log} after {timeout} s:\n{log_tail(log)}"
        time.sleep(0.05)
