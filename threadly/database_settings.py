"""DATABASES from the environment: the primary (`DATABASE_URL`) and any read replicas.

`DATABASE_REPLICA_URLS` (comma-separated, any number) become the aliases `replica_1`, `replica_2`, …,
and the router (threadly.db_router) sends reads there. `DATABASE_POOL_MODE=transaction` says a
pooler in transaction mode (PgBouncer) stands between Threadly and PostgreSQL: a server-side
cursor cannot outlive the transaction that made it there, so Django keeps cursors client-side.
No startup option is set (PgBouncer refuses them): what every session needs, such as people
search's trigram threshold, is a setting of the database (search/migrations/0002).
"""

from pathlib import Path

import environ

POOL_MODES = ("session", "transaction")


def _configured(settings: dict, *, pool_mode: str, conn_max_age: int) -> dict:
    settings["CONN_MAX_AGE"] = conn_max_age
    settings["CONN_HEALTH_CHECKS"] = True
    if settings["ENGINE"] == "django.db.backends.sqlite3":
        settings["OPTIONS"] = {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    if settings["ENGINE"] == "django.db.backends.postgresql":
        settings["DISABLE_SERVER_SIDE_CURSORS"] = pool_mode == "transaction"
    return settings


def databases(env: environ.Env, *, base_dir: Path) -> dict[str, dict]:
    pool_mode = env.str("DATABASE_POOL_MODE", default="session")
    if pool_mode not in POOL_MODES:
        raise environ.ImproperlyConfigured(f"DATABASE_POOL_MODE must be session or transaction, not {pool_mode!r}.")
    conn_max_age = env.int("CONN_MAX_AGE", default=60)
    default = env.db("DATABASE_URL", default=f"sqlite:///{base_dir / 'db.sqlite3'}")
    result = {"default": _configured(default, pool_mode=pool_mode, conn_max_age=conn_max_age)}
    for number, url in enumerate(env.list("DATABASE_REPLICA_URLS", default=[]), start=1):
        replica = _configured(env.db_url_config(url), pool_mode=pool_mode, conn_max_age=conn_max_age)
        # The test suite runs on one database: a replica alias reads the test database through its own
        # connection (tests of real replication point it at a real replica themselves).
        replica["TEST"] = {"MIRROR": "default"}
        result[f"replica_{number}"] = replica
    return result


def replica_aliases(databases: dict[str, dict]) -> list[str]:
    return [alias for alias in databases if alias.startswith("replica_")]
