"""`make run`'s `.env` (bin/local-env): afterwards `manage.py` commands work as typed, with no
DEBUG=true in front; an existing `.env` is never changed."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
# What a checkout has before its first `make run`: no .env, no database, no virtualenv.
LEFT_OUT = shutil.ignore_patterns(
    ".venv", ".git", ".env", "db.sqlite3*", "*.sqlite3", "__pycache__", "media", "staticfiles", "test-artifacts",
    ".pytest_cache", ".ruff_cache", ".schemathesis",
)  # fmt: skip


@pytest.fixture
def checkout(tmp_path) -> Path:
    copy = tmp_path / "threadly"
    shutil.copytree(ROOT, copy, ignore=LEFT_OUT, symlinks=True)
    return copy


def run(checkout: Path, *command: str) -> subprocess.CompletedProcess:
    """A command in the checkout with a bare environment: only what `.env` says is configured."""
    bare = {"PATH": "/usr/bin:/bin", "HOME": str(checkout), "LANG": "C.UTF-8"}
    return subprocess.run(command, cwd=checkout, env=bare, capture_output=True, text=True, timeout=120)


def manage(checkout: Path, *arguments: str) -> subprocess.CompletedProcess:
    return run(checkout, sys.executable, "manage.py", *arguments)


def test_after_make_runs_env_file_manage_py_commands_work_as_typed(checkout):
    refused = manage(checkout, "check")
    assert refused.returncode != 0
    assert "SECRET_KEY" in refused.stderr

    written = run(checkout, sys.executable, "bin/local-env")

    assert written.returncode == 0, written.stderr
    lines = dict(line.split("=", 1) for line in (checkout / ".env").read_text().splitlines() if "=" in line)
    assert lines["DEBUG"] == "true"
    assert len(lines["SECRET_KEY"]) >= 50
    assert manage(checkout, "migrate", "--noinput", "-v0").returncode == 0
    assert manage(checkout, "seed_demo", "--if-empty", "--users", "4", "--posts", "0").returncode == 0
    set_role = manage(checkout, "set_role", "demo", "moderator")
    assert set_role.returncode == 0, set_role.stderr
    assert "@demo is now moderator." in set_role.stdout


def test_each_checkout_gets_a_secret_key_of_its_own(tmp_path):
    first, second = tmp_path / "first.env", tmp_path / "second.env"

    for path in (first, second):
        subprocess.run([sys.executable, ROOT / "bin" / "local-env", path], check=True, capture_output=True)

    assert first.read_text() != second.read_text()


def test_an_existing_env_file_is_left_as_it_is(tmp_path):
    existing = tmp_path / ".env"
    existing.write_text("SECRET_KEY=the-operators-own\nDATABASE_URL=postgres://db/threadly\n")

    result = subprocess.run(
        [sys.executable, ROOT / "bin" / "local-env", existing], capture_output=True, text=True, check=True
    )

    assert "left as it is" in result.stdout
    assert existing.read_text() == "SECRET_KEY=the-operators-own\nDATABASE_URL=postgres://db/threadly\n"
