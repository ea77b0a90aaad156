"""A PgBouncer of the test's own, in transaction mode, in front of the test database.

Debian's pgbouncer refuses to run as root, so as root it runs as the postgres user (as
bin/with-services runs PostgreSQL); its folder is then one that user can read, not pytest's
private tmp_path. It runs in the foreground in a process group of its own and is stopped by
that group's id.
"""

import contextlib
import os
import pwd
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

import psycopg

from .processes import free_port, log_tail, wait_until

PGBOUNCER = shutil.which("pgbouncer") or "/usr/sbin/pgbouncer"
# Fewer server connections than the clients gunicorn opens: they must take turns, transaction by transaction.
POOL_SIZE = 2


class PgBouncer:
    def __init__(self, *, database: dict, alias: str = "threadly_pooled"):
        self.database = database
        self.alias = alias
        self.user = database["USER"] or "postgres"
        self.port = free_port()
        self.directory = Path(tempfile.mkdtemp(prefix="threadly-pgbouncer-"))
        self.log = self.directory / "pgbouncer.log"
        self.process: subprocess.Popen | None = None

    def url(self, **query: str) -> str:
        """The pooled database, as Threadly's DATABASE_URL names it."""
        options = "&".join(f"{name}={value}" for name, value in query.items())
        return f"postgres://{self.user}@127.0.0.1:{self.port}/{self.alias}" + (f"?{options}" if options else "")

    def start(self) -> None:
        host = self.database["HOST"] or "127.0.0.1"
        config = self.directory / "pgbouncer.ini"
        config.write_text(
            f"""[databases]
{self.alias} = host={host} port={self.database["PORT"] or 5432} dbname={self.database["NAME"]}
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = {self.port}
unix_socket_dir =
auth_type = trust
auth_file = {self.directory / "userlist.txt"}
admin_users = {self.user}
pool_mode = transaction
default_pool_size = {POOL_SIZE}
max_client_conn = 200
ignore_startup_parameters = extra_float_digits
"""
        )
        (self.directory / "userlist.txt").write_text(f'"{self.user}" ""\n')
        command = [PGBOUNCER, str(config)]
        if os.getuid() == 0:
            postgres = pwd.getpwnam("postgres")
            os.chown(self.directory, postgres.pw_uid, postgres.pw_gid)
            command = ["runuser", "-u", "postgres", "--", *command]
        with self.log.open("ab") as output:
            self.process = subprocess.Popen(
                command, stdin=subprocess.DEVNULL, stdout=output, stderr=subprocess.STDOUT, start_new_session=True
            )

        def answers() -> bool:
            if self.process.poll() is not None:
                raise AssertionError(f"pgbouncer exited with {self.process.returncode}:\n{log_tail(self.log)}")
            with contextlib.suppress(psycopg.OperationalError):
                self.admin("SHOW VERSION")
                return True
            return False

        wait_until(answers, timeout=10, what=f"pgbouncer on port {self.port}", interval=0.05)

    def admin(self, command: str) -> list[dict]:
        """A command on the admin console (SHOW POOLS, SHOW STATS, …), its rows as dicts."""
        with (
            psycopg.connect(
                host="127.0.0.1",
                port=self.port,
                user=self.user,
                dbname="pgbouncer",
                autocommit=True,
                cursor_factory=psycopg.ClientCursor,
                connect_timeout=2,
            ) as connection,
            connection.cursor() as cursor,
        ):
            cursor.execute(command)
            names = [column.name for column in cursor.description or []]
            return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()] if names else []

    def pool(self) -> dict:
        return next(row for row in self.admin("SHOW POOLS") if row["database"] == self.alias)

    def stats(self) -> dict:
        return next(row for row in self.admin("SHOW STATS") if row["database"] == self.alias)

    def stop(self) -> None:
        if self.process is not None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
            self.process = None
        shutil.rmtree(self.directory, ignore_errors=True)
