"""docker-compose.yml runs what `make up` runs (the Procfile), so the two cannot drift apart.

There is no Docker engine in the test run: the file is read as YAML and compared with the Procfile,
settings.CELERY_TASK_QUEUES and deploy/gunicorn.conf.py.
"""

import re
import runpy
import shlex
from pathlib import Path

import pytest
import yaml
from django.conf import settings

PROJECT_ROOT = Path(__file__).resolve().parents[1]
WORKER_SERVICES = ("worker_fanout", "worker_media", "worker_default")


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((PROJECT_ROOT / "docker-compose.yml").read_text())["services"]


@pytest.fixture(scope="module")
def procfile() -> dict[str, list[str]]:
    entries = {}
    for line in (PROJECT_ROOT / "Procfile").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            name, command = line.split(":", 1)
            entries[name] = shlex.split(command.removeprefix(" exec "))
    return entries


def command_of(service: dict) -> list[str]:
    command = service.get("command", [])
    return shlex.split(command) if isinstance(command, str) else command


def option(command: list[str], name: str) -> str:
    return command[command.index(name) + 1]


def seconds(duration: str) -> int:
    """A compose duration such as 35s or 1m30s."""
    units = {"h": 3600, "m": 60, "s": 1}
    return sum(int(amount) * units[unit] for amount, unit in re.findall(r"(\d+)([hms])", duration))


def graceful_timeout() -> int:
    return runpy.run_path(str(PROJECT_ROOT / "deploy" / "gunicorn.conf.py"))["graceful_timeout"]


def test_the_workers_consume_the_procfiles_queues_which_are_the_settings_queues(compose, procfile):
    in_compose = {name: option(command_of(compose[name]), "--queues") for name in WORKER_SERVICES}
    in_procfile = {name: option(command, "--queues") for name, command in procfile.items() if "worker" in command}

    assert in_compose == in_procfile
    consumed = [queue for queues in in_compose.values() for queue in queues.split(",")]
    assert sorted(consumed) == sorted(settings.CELERY_TASK_QUEUES)


def test_one_beat_and_web_on_gunicorns_config(compose, procfile):
    beats = [name for name, service in compose.items() if "beat" in command_of(service)]
    assert beats == ["beat"]
    assert [name for name, command in procfile.items() if "beat" in command] == ["beat"]
    web = command_of(compose["web"])
    assert web[:2] == procfile["web"][:2] == ["gunicorn", "threadly.wsgi:application"]
    assert option(web, "--config") == option(procfile["web"], "--config") == "deploy/gunicorn.conf.py"
    assert compose["web"]["environment"]["GUNICORN_BIND"] == "0.0.0.0:8000"


def test_web_and_workers_go_through_pgbouncer_and_migrations_straight_to_postgres(compose):
    for name in ("web", "beat", *WORKER_SERVICES):
        environment = compose[name]["environment"]
        assert "@pgbouncer:" in environment["DATABASE_URL"], name
        assert environment["DATABASE_POOL_MODE"] == "transaction", name
        assert compose[name]["depends_on"]["migrate"] == {"condition": "service_completed_successfully"}
    assert "@postgres:" in compose["migrate"]["environment"]["DATABASE_URL"]
    assert "DATABASE_POOL_MODE" not in compose["migrate"]["environment"]
    assert compose["migrate"]["restart"] == "no"
    assert compose["pgbouncer"]["environment"]["POOL_MODE"] == "transaction"
    assert "@postgres:5432/" in compose["pgbouncer"]["environment"]["DATABASE_URL"]


def test_redis_keeps_an_append_only_file_on_a_volume(compose):
    redis = compose["redis"]
    assert option(redis["command"], "--appendonly") == "yes"
    assert any(volume.endswith(":/data") for volume in redis["volumes"])


def test_long_running_services_have_healthchecks_and_time_to_stop(compose):
    for name in ("web", "postgres", "redis", "pgbouncer", *WORKER_SERVICES):
        assert compose[name]["healthcheck"]["test"], name
    for name in ("web", "beat", *WORKER_SERVICES):
        assert seconds(compose[name]["stop_grace_period"]) > graceful_timeout() >= 25, name
    for name in ("postgres", "redis"):
        assert seconds(compose[name]["stop_grace_period"]) >= 30, name
