"""A link card in a real browser: post a link to a page served on loopback, see its card (title,
description, domain, picture) under the post, follow it. Tasks run eagerly, so the card is there when
the post is."""

import re

import pytest
from django.core.files.storage import default_storage
from playwright.sync_api import Page, Route, expect

from previews.tests.test_cards import png
from previews.tests.web import local_web_server, og_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct-horse-battery-staple-42"


@pytest.fixture
def web(settings):
    settings.LINK_PREVIEW_TEST_ADDRESSES = frozenset({"127.0.0.1"})
    with local_web_server() as server:
        yield server


@pytest.fixture
def writer(db):
    from accounts.services import user_create

    return user_create(username="erin", email="erin@example.com", password=PASSWORD, display_name="Erin")


def serve_media_from_storage(route: Route) -> None:
    """The live server does not serve uploads (SERVE_MEDIA is off in tests): the browser gets the card's
    picture straight from the storage the task wrote it to."""
    name = re.sub(r"^.*?/media/", "", route.request.url)
    if not default_storage.exists(name):
        route.fulfill(status=404)
        return
    with default_storage.open(name) as stored:
        route.fulfill(status=200, content_type="image/jpeg", body=stored.read())


def log_in(page: Page) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill("erin")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(r"/$"))


def test_a_posted_link_gets_its_card(new_page, web, writer, screenshot, page_errors):
    web.add("/cover.png", png(1200, 630), headers={"Content-Type": "image/png"})
    url = web.add(
        "/field-notes",
        og_page(
            title="Field notes from the river delta",
            description="Three weeks of birds, mud and tides, written up day by day.",
            image="/cover.png",
            site_name="Local Journal",
        ),
    )
    page = new_page()
    page.route("**/media/**", serve_media_from_storage)
    log_in(page)

    page.get_by_label("What's happening?").fill(f"Worth a read: {url}")
    page.get_by_role("button", name="Post", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("Your post is up.")

    post = page.get_by_role("article").filter(has_text="Worth a read")
    card = post.get_by_role("link", name=re.compile("Field notes from the river delta"))
    expect(card).to_be_visible()
    expect(card).to_have_attribute("href", url)
    expect(card).to_have_attribute("rel", "noopener nofollow ugc")
    expect(card).to_contain_text("127.0.0.1 · Local Journal")
    expect(card).to_contain_text("Three weeks of birds")
    picture = card.locator("img.link-card-image")
    expect(picture).to_be_visible()
    assert page.evaluate("(image) => image.complete && image.naturalWidth", picture.element_handle()) == 400
    screenshot(page, "link-card")

    card.focus()
    expect(card).to_be_focused()
    assert web.requests == ["/field-notes", "/cover.png"]
    assert page_errors == []
