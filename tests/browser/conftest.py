"""Playwright (sync API) driving Debian's chromium against pytest-django's live server."""

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "browser"
TIMEOUT_MS = 10_000


@pytest.fixture(scope="module")
def browser():
    """One chromium per module; each test opens its own contexts (separate cookie jars)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _record_failure(response, errors: list[str]) -> None:
    if response.status >= 400:
        errors.append(f"HTTP {response.status} {response.request.method} {response.url}")


@pytest.fixture
def page_errors() -> list[str]:
    """JavaScript errors and HTTP error responses seen by any page of the test."""
    return []


@pytest.fixture
def new_page(browser, live_server, page_errors) -> Iterator[Callable]:
    """`new_page(**context_options)`: a page in a fresh browser context, closed after the test."""
    contexts = []

    def make(**options):
        context = browser.new_context(base_url=live_server.url, **options)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda error: page_errors.append(f"pageerror: {error}"))
        page.on("response", lambda response: _record_failure(response, page_errors))
        return page

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def screenshot() -> Callable:
    """`screenshot(page, "name")`: a full-page PNG in test-artifacts/browser/ (git-ignored)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)

    def take(page, name: str) -> Path:
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take
