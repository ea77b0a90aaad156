"""DATABASES for a pooler in transaction mode (PgBouncer): nothing that needs a session of its own."""

from pathlib import Path

import environ
import pytest

from threadly.database_settings import databases

PRIMARY = "postgres://threadly@127.0.0.1:6432/threadly"
REPLICA = "postgres://threadly@127.0.0.1:6433/threadly"


def built(monkeypatch, **variables: str) -> dict[str, dict]:
    for name in ("DATABASE_URL", "DATABASE_REPLICA_URLS", "DATABASE_POOL_MODE"):
        monkeypatch.delenv(name, raising=False)
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    return databases(environ.Env(), base_dir=Path("/nonexistent"))


def test_transaction_mode_keeps_cursors_and_parameters_on_the_client(monkeypatch):
    """A server-side cursor or a prepared statement would outlive the transaction that lent the
    connection; psycopg binds parameters client-side unless server_side_binding asks otherwise."""
    settings = built(monkeypatch, DATABASE_URL=PRIMARY, DATABASE_REPLICA_URLS=REPLICA, DATABASE_POOL_MODE="transaction")

    for alias in ("default", "replica_1"):
        assert settings[alias]["DISABLE_SERVER_SIDE_CURSORS"] is True
        assert "server_side_binding" not in settings[alias].get("OPTIONS", {})


def test_no_connection_sends_a_startup_option_pgbouncer_would_refuse(monkeypatch):
    settings = built(monkeypatch, DATABASE_URL=PRIMARY, DATABASE_REPLICA_URLS=REPLICA, DATABASE_POOL_MODE="transaction")

    assert [alias for alias, database in settings.items() if "options" in database.get("OPTIONS", {})] == []


def test_session_mode_keeps_server_side_cursors_for_iterating(monkeypatch):
    assert built(monkeypatch, DATABASE_URL=PRIMARY)["default"]["DISABLE_SERVER_SIDE_CURSORS"] is False


def test_an_unknown_pool_mode_is_refused(monkeypatch):
    with pytest.raises(environ.ImproperlyConfigured, match="session or transaction"):
        built(monkeypatch, DATABASE_URL=PRIMARY, DATABASE_POOL_MODE="statement")
