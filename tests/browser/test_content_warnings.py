"""In a real browser, with JavaScript and without: a post under a content warning stays folded until its
summary is clicked, opens at once for whoever always expands, and its edits are read on its history page."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_user_journey import PASSWORD, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def people():
    """carol writes; dave reads with the folds closed, erin with them always open."""
    from accounts.models import User
    from accounts.services import user_create

    for name in ("carol", "dave", "erin"):
        user_create(username=name, email=f"{name}@example.com", password=PASSWORD, display_name=name.title())
    User.objects.filter(username="erin").update(expand_content_warnings=True)


def write_warned_post(page: Page) -> None:
    page.goto("/compose/")
    page.get_by_label("Content warning (optional)").fill("Film spoilers")
    page.get_by_label("What's happening?").fill("The butler did it")
    page.get_by_role("button", name="Post", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("Your post is up.")


def fold_of(page: Page):
    return page.locator("article.post details.cw").first


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_warned_post_is_folded_until_its_summary_is_clicked(javascript, people, new_page, screenshot, page_errors):
    author = new_page(java_script_enabled=javascript)
    log_in(author, username="carol")
    write_warned_post(author)

    reader = new_page(java_script_enabled=javascript)
    log_in(reader, username="dave")
    reader.goto("/explore/")
    summary = fold_of(reader).locator("summary")
    expect(summary).to_contain_text("Content warning: Film spoilers")
    expect(reader.get_by_text("The butler did it")).to_be_hidden()
    screenshot(reader, f"content-warning-folded-{'js' if javascript else 'nojs'}")

    summary.click()
    expect(fold_of(reader)).to_have_attribute("open", "")
    expect(reader.get_by_text("The butler did it")).to_be_visible()
    screenshot(reader, f"content-warning-opened-{'js' if javascript else 'nojs'}")

    expander = new_page(java_script_enabled=javascript)
    log_in(expander, username="erin")
    expander.goto("/explore/")
    expect(expander.get_by_text("The butler did it")).to_be_visible()
    assert page_errors == []


def test_edit_a_post_and_read_its_history(people, new_page, screenshot, page_errors):
    page = new_page()
    log_in(page, username="carol")
    write_warned_post(page)
    page.locator("article.post").first.get_by_role("link", name="Edit").click()
    expect(page.get_by_role("heading", name="Edit your post")).to_be_visible()
    page.get_by_label("What's happening?").fill("The gardener did it")
    page.get_by_label("Content warning (optional)").fill("")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_contain_text("Your post is updated.")
    expect(page.locator(".thread-focus").get_by_text("The gardener did it")).to_be_visible()

    page.locator(".thread-focus").get_by_role("link", name=re.compile("edited")).click()
    expect(page.get_by_role("heading", name=re.compile("Edit history"))).to_be_visible()
    versions = page.locator("li.post-version")
    expect(versions).to_have_count(2)
    expect(versions.nth(0)).to_contain_text("Current version")
    expect(versions.nth(0)).to_contain_text("The gardener did it")
    expect(versions.nth(1)).to_contain_text("Content warning: Film spoilers")
    expect(versions.nth(1).get_by_text("The butler did it")).to_be_hidden()
    versions.nth(1).locator("summary").click()
    expect(versions.nth(1).get_by_text("The butler did it")).to_be_visible()
    screenshot(page, "edit-history")
    assert page_errors == []
