"""The floors: `threadly/` is plumbing every app may use and names none; only `operations` composes
them all, and nothing imports it."""

import ast
from pathlib import Path

from django.apps import apps
from django.conf import settings

ROOT = Path(settings.BASE_DIR)


def project_apps() -> set[str]:
    return {config.name for config in apps.get_app_configs() if Path(config.path).parent == ROOT}


def imported_apps(package: str, among: set[str]) -> dict[str, set[str]]:
    """Module path -> the apps of `among` that it imports (tests and migrations left out)."""
    found = {}
    for path in (ROOT / package).rglob("*.py"):
        if {"tests", "migrations"} & set(path.relative_to(ROOT).parts):
            continue
        names = set()
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module)
        if used := {name.split(".")[0] for name in names} & among:
            found[str(path.relative_to(ROOT))] = used
    return found


def test_the_plumbing_imports_no_app():
    features = project_apps() - {"threadly"}

    assert imported_apps("threadly", features) == {}


def test_no_app_imports_the_operations_app():
    for app in project_apps() - {"operations"}:
        assert imported_apps(app, {"operations"}) == {}, app
