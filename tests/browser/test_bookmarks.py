"""Bookmarking in a real browser, with htmx and with plain forms: keep a post, find it on /bookmarks/, let it go."""

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct-horse-battery-staple-42"
KEEP = "Bookmark"
KEPT = "Bookmarked, remove the bookmark"


@pytest.fixture
def post_to_keep(db):
    from accounts.services import user_create
    from posts.services import post_create

    author = user_create(username="carol", email="carol@example.com", password=PASSWORD, display_name="Carol")
    user_create(username="dave", email="dave@example.com", password=PASSWORD)
    return post_create(author=author, body="Worth reading twice")


def log_in_as_dave(page: Page) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill("dave")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(r"/$"))


def the_post(page: Page):
    return page.get_by_role("article").filter(has_text="Worth reading twice")


def test_bookmark_with_javascript_in_place(new_page, post_to_keep, screenshot, page_errors):
    page = new_page()
    log_in_as_dave(page)
    page.goto("/explore/")
    page.evaluate("window.threadly_no_reload = true")

    the_post(page).get_by_role("button", name=KEEP, exact=True).click()
    expect(the_post(page).get_by_role("button", name=KEPT)).to_have_attribute("aria-pressed", "true")
    assert page.evaluate("window.threadly_no_reload === true"), "the page was reloaded"

    nav = page.get_by_role("navigation", name="Main")
    nav.locator("details.menu summary").click()
    nav.get_by_role("link", name="Bookmarks").click()
    expect(page).to_have_url(re.compile(r"/bookmarks/$"))
    expect(the_post(page)).to_be_visible()
    screenshot(page, "bookmarks-page")

    the_post(page).get_by_role("button", name=KEPT).click()
    expect(the_post(page).get_by_role("button", name=KEEP, exact=True)).to_have_attribute("aria-pressed", "false")
    page.reload()
    expect(page.get_by_text("No bookmarks yet.")).to_be_visible()
    assert page_errors == []


def test_bookmark_without_javascript(new_page, post_to_keep, screenshot, page_errors):
    page = new_page(java_script_enabled=False)
    log_in_as_dave(page)
    page.goto(f"/posts/{post_to_keep.pk}/")

    page.get_by_role("button", name=KEEP, exact=True).click()
    # A plain form post redirects back to the page the button was on.
    expect(page).to_have_url(re.compile(rf"/posts/{post_to_keep.pk}/$"))
    expect(page.get_by_role("button", name=KEPT)).to_be_visible()

    page.goto("/bookmarks/")
    expect(the_post(page)).to_be_visible()
    screenshot(page, "no-js-bookmarks-page")
    the_post(page).get_by_role("button", name=KEPT).click()
    expect(page).to_have_url(re.compile(r"/bookmarks/$"))
    expect(page.get_by_text("No bookmarks yet.")).to_be_visible()
    assert page_errors == []
