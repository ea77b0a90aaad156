"""People in a real browser: a new account is offered people to follow on its empty home, follows one
with htmx and its home fills; a profile shows the posts its owner pinned first."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.test_user_journey import PASSWORD, log_in, sign_up

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def carol(db):
    """Carol, followed by dave (so the most followed here), with two posts."""
    from accounts.services import user_create
    from posts.services import post_create
    from social.services import follow_create

    carol = user_create(username="carol", email="carol@example.com", password=PASSWORD, display_name="Carol")
    dave = user_create(username="dave", email="dave@example.com", password=PASSWORD, display_name="Dave")
    follow_create(follower=dave, followee=carol)
    post_create(author=carol, body="Carol's first post, worth pinning")
    post_create(author=carol, body="Carol's latest news")
    return carol


def test_a_new_account_follows_a_suggested_person_and_its_home_fills(new_page, carol, screenshot, page_errors):
    page = new_page()
    sign_up(page, username="erin", display_name="Erin")

    suggestions = page.get_by_role("region", name="Find people to follow")
    expect(suggestions).to_be_visible()
    expect(page.get_by_text("Your timeline is empty.")).to_be_visible()
    expect(suggestions.get_by_role("link", name="explore the newest posts")).to_have_attribute("href", "/explore/")
    screenshot(page, "people-empty-home")
    suggestions.get_by_role("button", name="Follow @carol", exact=True).click()
    expect(suggestions.get_by_role("button", name="Unfollow @carol", exact=True)).to_be_visible()
    screenshot(page, "people-followed-from-home")

    page.reload()
    expect(page.get_by_role("article").filter(has_text="Carol's latest news")).to_be_visible()
    expect(page.get_by_role("region", name="Find people to follow")).to_have_count(0)
    screenshot(page, "people-home-filled")
    assert page_errors == []


def test_the_owner_pins_a_post_and_it_shows_first(new_page, carol, screenshot, page_errors):
    page = new_page()
    log_in(page, username="carol")
    page.goto("/@carol")
    older = page.get_by_role("article").filter(has_text="Carol's first post")
    older.get_by_role("button", name="Pin this post to your profile").click()
    expect(older.get_by_role("button", name="Unpin this post from your profile")).to_be_visible()

    visitor = new_page()
    visitor.goto("/@carol")
    articles = visitor.get_by_role("article")
    expect(articles.first).to_contain_text("Pinned")
    expect(articles.first).to_contain_text("Carol's first post, worth pinning")
    expect(articles.nth(1)).to_contain_text("Carol's latest news")
    expect(visitor).to_have_url(re.compile(r"/@carol$"))
    screenshot(visitor, "people-pinned-post")
    assert page_errors == []
