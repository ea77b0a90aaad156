"""`.env.example` lists every variable the settings read, so an operator finds each one there."""

import re
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
# env("NAME"…), env.int("NAME"…), env.db("NAME"…) … in any of the settings modules.
READ = re.compile(r"\benv(?:\.\w+)?\(\s*\"([A-Z][A-Z0-9_]*)\"")
LISTED = re.compile(r"^#? ?([A-Z][A-Z0-9_]*)=", re.MULTILINE)


def test_every_variable_the_settings_read_is_in_env_example():
    read = {
        name
        for module in (PROJECT_ROOT / "threadly").rglob("*.py")
        if "tests" not in module.parts
        for name in READ.findall(module.read_text())
    }
    listed = set(LISTED.findall((PROJECT_ROOT / ".env.example").read_text()))

    assert {"SECRET_KEY", "DATABASE_URL", "DATABASE_REPLICA_URLS"} <= read
    assert sorted(read - listed) == []
