"""The icon every browser asks for: the SVG, a PNG and an ICO for those without SVG icons, and the
home-screen icon."""

import pytest
from django.contrib.staticfiles import finders
from django.templatetags.static import static

pytestmark = pytest.mark.django_db


def test_favicon_ico_at_the_root_leads_to_the_icon(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 302
    assert response["Location"] == static("img/favicon.ico")
    with open(finders.find("img/favicon.ico"), "rb") as icon:
        assert icon.read(4) == b"\x00\x00\x01\x00"


def test_every_page_names_its_icons(client):
    html = client.get("/").content.decode()

    for name, kind in (("favicon.svg", "image/svg+xml"), ("favicon-32.png", "image/png")):
        assert f'<link rel="icon" href="{static("img/" + name)}" type="{kind}"' in html
        assert finders.find(f"img/{name}")
    assert f'<link rel="apple-touch-icon" href="{static("img/apple-touch-icon.png")}">' in html
    assert finders.find("img/apple-touch-icon.png")
