"""The scripts every page loads: htmx from django-htmx's package (no vendored copy), all from this site."""

import re
from pathlib import Path

import django_htmx
import pytest
from django.contrib.staticfiles import finders
from django.templatetags.static import static

pytestmark = pytest.mark.django_db


def script_sources(response) -> list[str]:
    return re.findall(r"<script\b[^>]*\bsrc=\"([^\"]+)\"", response.content.decode())


def test_the_pages_load_the_htmx_that_django_htmx_ships(client):
    sources = script_sources(client.get("/explore/"))

    assert static("django_htmx/htmx-2.min.js") in sources
    bundled = Path(finders.find("django_htmx/htmx-2.min.js"))
    assert Path(django_htmx.__file__).parent in bundled.parents
    assert finders.find("js/htmx.min.js") is None, "the vendored copy is gone: one htmx, updated with django-htmx"


def test_every_script_comes_from_this_sites_static_files(client, settings):
    settings.DEBUG = True  # No debugging helper (django-htmx.js evals) sneaks in under DEBUG either.
    sources = script_sources(client.get("/explore/"))

    assert sources
    assert all(
        source.startswith(settings.STATIC_URL) or source.startswith("/" + settings.STATIC_URL) for source in sources
    )
    assert not any("django-htmx.js" in source for source in sources)


def test_pages_name_their_icon_so_browsers_do_not_ask_for_a_missing_favicon_ico(client, db):
    html = client.get("/explore/").content.decode()

    assert '<link rel="icon" href="/static/img/favicon.svg" type="image/svg+xml">' in html
