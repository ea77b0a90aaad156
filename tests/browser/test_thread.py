"""A conversation in a real browser, with JavaScript (htmx swaps the forms and replies in place) and
without (the reply link opens a reply page, sending it goes back to the thread): reply to a post,
reply to that reply, and read the tree with its "Replying to"."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_user_journey import PASSWORD, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def people(*usernames: str) -> dict:
    from accounts.services import user_create

    return {
        name: user_create(username=name, email=f"{name}@example.com", password=PASSWORD, display_name=name.title())
        for name in usernames
    }


def reply_to_the_post(page: Page, text: str) -> None:
    page.get_by_label("Your reply:", exact=True).fill(text)
    page.get_by_role("button", name="Reply to @bob", exact=True).click()


def assert_the_tree(page: Page, texts: list[str]) -> None:
    """After a fresh load: the first reply, the reply to it one level in, then a later reply to the post
    that says whom it replies to, since the post is not right above it."""
    replies = page.locator("ol.thread-replies > li.thread-reply")
    expect(replies).to_have_count(3)
    first, answer, later = (replies.nth(n) for n in range(3))
    expect(first).to_contain_text(texts[0])
    expect(first).to_have_class(re.compile(r"\bdepth-1\b"))
    expect(answer).to_contain_text(texts[1])
    expect(answer).to_have_class(re.compile(r"\bdepth-2\b"))
    expect(answer.locator(".replying-to")).to_have_count(0)
    expect(later).to_contain_text(texts[2])
    expect(later).to_have_class(re.compile(r"\bdepth-1\b"))
    expect(later.locator(".replying-to")).to_have_text("Replying to @bob")


def test_a_conversation_with_javascript(new_page, screenshot, page_errors):
    from posts.services import post_create

    everyone = people("alice", "bob", "carol")
    post = post_create(author=everyone["bob"], body="What are you reading?")
    alice, carol = new_page(), new_page()
    log_in(alice, username="alice")
    log_in(carol, username="carol")

    alice.goto(post.get_absolute_url())
    alice.evaluate("window.threadly_no_reload = true")
    reply_to_the_post(alice, "Dune, again")
    new_reply = alice.locator("ol.thread-new > li.thread-reply")
    expect(new_reply).to_contain_text("Dune, again")
    expect(alice.get_by_label("Your reply:", exact=True)).to_have_value("")

    # carol answers alice's reply: "Reply" loads a form under it, sending it puts her reply there.
    console_errors = []
    carol.on("console", lambda message: console_errors.append(message.text) if message.type == "error" else None)
    carol.goto(post.get_absolute_url())
    carol.evaluate("window.threadly_no_reload = true")
    carol.get_by_role("link", name="Reply to @alice", exact=True).click()
    carol.locator("ol.thread-inline").get_by_label("Your reply:", exact=True).fill("Great choice")
    carol.get_by_role("button", name="Reply to @alice", exact=True).click()
    expect(carol.locator("ol.thread-inline li.thread-reply")).to_contain_text("Great choice")
    reply_to_the_post(carol, "Nothing lately")
    expect(carol.locator("ol.thread-new > li.thread-reply")).to_contain_text("Nothing lately")
    assert alice.evaluate("window.threadly_no_reload === true")
    assert carol.evaluate("window.threadly_no_reload === true")

    alice.goto(post.get_absolute_url())
    assert_the_tree(alice, ["Dune, again", "Great choice", "Nothing lately"])
    screenshot(alice, "thread-with-javascript")
    assert page_errors == []
    assert console_errors == []  # htmx's complaints too, such as an out-of-band target that is missing.


def test_a_conversation_without_javascript(new_page, screenshot, page_errors):
    from posts.services import post_create

    everyone = people("alice", "bob", "carol")
    post = post_create(author=everyone["bob"], body="What are you reading?")
    alice, carol = new_page(java_script_enabled=False), new_page(java_script_enabled=False)
    log_in(alice, username="alice")
    log_in(carol, username="carol")

    alice.goto(post.get_absolute_url())
    reply_to_the_post(alice, "Dune, again")
    expect(alice).to_have_url(re.compile(rf"/posts/{post.pk}/#reply-\d+$"))
    expect(alice.get_by_role("status")).to_contain_text("Your reply is up.")

    # carol answers alice's reply on its reply page, and comes back to the thread.
    carol.goto(post.get_absolute_url())
    carol.get_by_role("link", name="Reply to @alice", exact=True).click()
    expect(carol.get_by_role("heading", name="Reply to @alice")).to_be_visible()
    carol.get_by_label("Your reply:", exact=True).fill("Great choice")
    carol.get_by_role("button", name="Reply to @alice", exact=True).click()
    expect(carol).to_have_url(re.compile(rf"/posts/{post.pk}/#reply-\d+$"))
    reply_to_the_post(carol, "Nothing lately")

    alice.goto(post.get_absolute_url())
    assert_the_tree(alice, ["Dune, again", "Great choice", "Nothing lately"])
    screenshot(alice, "thread-without-javascript")
    assert page_errors == []


def test_a_reply_sent_without_javascript_is_shown_below_the_sticky_header(new_page, screenshot, page_errors):
    """Far down a long thread, the #reply-<id> it lands on scrolls the reply into view, not under the header."""
    from posts.services import post_create

    everyone = people("alice", "bob")
    post = post_create(author=everyone["bob"], body="What are you reading?")
    for n in range(12):
        post_create(author=everyone["bob"], body=f"Book {n}", in_reply_to=post)
    alice = new_page(java_script_enabled=False)
    log_in(alice, username="alice")

    alice.goto(post.get_absolute_url())
    alice.locator("li.thread-reply > a.reply-link").first.click()  # Its answer is listed right under "Book 0".
    alice.get_by_label("Your reply:", exact=True).fill("Dune, again")
    alice.get_by_role("button", name="Reply to @bob", exact=True).click()

    expect(alice).to_have_url(re.compile(rf"/posts/{post.pk}/#reply-\d+$"))
    header_bottom = alice.locator(".site-header").evaluate("header => header.getBoundingClientRect().bottom")
    reply_top = alice.locator(".thread-reply:target").evaluate("reply => reply.getBoundingClientRect().top")
    assert reply_top >= header_bottom
    screenshot(alice, "thread-landed-at-reply-without-javascript")
    assert page_errors == []
