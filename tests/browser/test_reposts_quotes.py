"""In a real browser, with JavaScript and without: repost, undo, quote, and what followers see."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_user_journey import PASSWORD, assert_not_reloaded, log_in, mark_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def carols_post():
    """carol's public post; dave (who reposts and quotes) and erin (who follows dave)."""
    from accounts.services import user_create
    from posts.services import post_create
    from social.services import follow_create

    carol = user_create(username="carol", email="carol@example.com", password=PASSWORD, display_name="Carol")
    dave = user_create(username="dave", email="dave@example.com", password=PASSWORD, display_name="Dave")
    erin = user_create(username="erin", email="erin@example.com", password=PASSWORD, display_name="Erin")
    follow_create(follower=erin, followee=dave)
    return post_create(author=carol, body="Reposts travel far")


def repost_and_undo(page: Page, post_url: str, *, javascript: bool) -> None:
    page.goto(post_url)
    if javascript:
        mark_page(page)
    page.get_by_role("button", name="0 reposts, repost").click()
    expect(page.get_by_role("button", name="1 repost, undo repost")).to_be_visible()
    expect(page).to_have_url(re.compile(rf"{post_url}$"))
    page.get_by_role("button", name="1 repost, undo repost").click()
    expect(page.get_by_role("button", name="0 reposts, repost")).to_be_visible()
    page.get_by_role("button", name="0 reposts, repost").click()
    expect(page.get_by_role("button", name="1 repost, undo repost")).to_be_visible()
    if javascript:
        assert_not_reloaded(page)  # htmx swapped the button; without JavaScript the form redirected back.


def quote(page: Page, post_url: str) -> None:
    page.goto(post_url)
    page.get_by_role("link", name="Quote this post").click()
    expect(page.get_by_role("heading", name="Quote a post")).to_be_visible()
    expect(page.locator("blockquote.quote-card")).to_contain_text("Reposts travel far")
    page.get_by_label("What's happening?").fill("Could not agree more")
    page.get_by_label("Who may quote it").select_option(label="Nobody")
    page.get_by_role("button", name="Post", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("Your post is up.")


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_repost_undo_and_quote(javascript, carols_post, new_page, screenshot, page_errors):
    post_url = f"/posts/{carols_post.pk}/"
    page = new_page(java_script_enabled=javascript)
    log_in(page, username="dave")

    repost_and_undo(page, post_url, javascript=javascript)
    quote(page, post_url)
    screenshot(page, f"quoted-{'js' if javascript else 'no-js'}")

    follower = new_page(java_script_enabled=javascript)
    log_in(follower, username="erin")
    reposted = follower.get_by_role("article").filter(has_text="Dave reposted")
    expect(reposted).to_contain_text("Reposts travel far")
    expect(reposted).to_contain_text("Carol")
    quoted = follower.get_by_role("article").filter(has_text="Could not agree more")
    expect(quoted.locator("blockquote.quote-card")).to_contain_text("Reposts travel far")
    expect(quoted.get_by_role("link", name="Quote this post")).to_have_count(0)  # Nobody may quote it.
    screenshot(follower, f"home-with-repost-and-quote-{'js' if javascript else 'no-js'}")

    assert page_errors == []
