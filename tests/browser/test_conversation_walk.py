"""One person walks a conversation in a real browser, with JavaScript and without: replies to a
reply, likes that reply, reposts and bookmarks it, quotes the first post, then finds it all again
on fresh pages (the thread, their bookmarks, their profile)."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_user_journey import PASSWORD, assert_not_reloaded, log_in, mark_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def conversation():
    """bob's post and alice's reply to it; dave walks in."""
    from accounts.services import user_create
    from posts.services import post_create

    people = {
        name: user_create(username=name, email=f"{name}@example.com", password=PASSWORD, display_name=name.title())
        for name in ("alice", "bob", "dave")
    }
    post = post_create(author=people["bob"], body="Which book changed your mind?")
    reply = post_create(author=people["alice"], body="Thinking, Fast and Slow", in_reply_to=post)
    return post, reply


def card(page: Page, post) -> object:
    return page.locator(f"article#post-{post.pk}")


def reply_to_alice(page: Page, alices_reply, *, javascript: bool) -> None:
    page.get_by_role("link", name="Reply to @alice", exact=True).click()
    if not javascript:
        expect(page).to_have_url(re.compile(r"/reply/"))  # A page of its own, back to the thread after.
    form = page.locator("form.reply-form").filter(has=page.get_by_role("button", name="Reply to @alice"))
    form.get_by_label("Your reply:", exact=True).fill("Same here, twice")
    form.get_by_role("button", name="Reply to @alice", exact=True).click()
    if javascript:  # Swapped in under alice's reply.
        expect(page.locator(f"#reply-{alices_reply.pk} li.thread-reply")).to_contain_text("Same here, twice")
    else:  # Back on the thread, one level in.
        expect(page).to_have_url(re.compile(rf"/posts/{alices_reply.in_reply_to_id}/#reply-\d+$"))
        expect(page.locator("li.thread-reply.depth-2")).to_contain_text("Same here, twice")


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_reply_to_a_reply_like_it_repost_bookmark_and_quote(javascript, conversation, new_page, screenshot):
    post, reply = conversation
    page = new_page(java_script_enabled=javascript)
    log_in(page, username="dave")
    page.goto(post.get_absolute_url())
    if javascript:
        mark_page(page)

    reply_to_alice(page, reply, javascript=javascript)
    card(page, reply).get_by_role("button", name="0 likes, like").click()
    expect(card(page, reply).get_by_role("button", name="1 like, unlike")).to_be_visible()
    card(page, reply).get_by_role("button", name="0 reposts, repost").click()
    expect(card(page, reply).get_by_role("button", name="1 repost, undo repost")).to_be_visible()
    card(page, reply).get_by_role("button", name="Bookmark", exact=True).click()
    expect(card(page, reply).get_by_role("button", name="Bookmarked, remove the bookmark")).to_be_visible()
    if javascript:
        assert_not_reloaded(page)
    screenshot(page, f"conversation-walk-{'js' if javascript else 'no-js'}")

    card(page, post).get_by_role("link", name="Quote this post").click()
    expect(page.locator("blockquote.quote-card")).to_contain_text("Which book changed your mind?")
    page.get_by_label("What's happening?").fill("A question worth asking")
    page.get_by_role("button", name="Post", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("Your post is up.")

    # Fresh pages: the thread keeps the tree and the counts, the bookmark and the profile keep the rest.
    page.goto(post.get_absolute_url())
    nested = page.locator("li.thread-reply.depth-2")
    expect(nested).to_contain_text("Same here, twice")
    expect(card(page, reply).get_by_role("button", name="1 like, unlike")).to_be_visible()
    page.goto("/bookmarks/")
    expect(page.locator(f"article#post-{reply.pk}")).to_contain_text("Thinking, Fast and Slow")
    page.goto("/@dave")
    expect(page.get_by_text("You reposted")).to_be_visible()
    expect(page.locator("blockquote.quote-card")).to_contain_text("Which book changed your mind?")
