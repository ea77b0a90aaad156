"""What the pages tell people as they act: an htmx request that fails says why, and the text boxes count
characters as the server does. In chromium, under the site's Content-Security-Policy.
"""

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct-horse-battery-staple-42"
EMOJI = "\N{SMILING FACE WITH SMILING EYES}"


def people(*usernames: str) -> dict:
    from accounts.services import user_create

    return {
        name: user_create(username=name, email=f"{name}@example.com", password=PASSWORD, display_name=name.title())
        for name in usernames
    }


@pytest.fixture
def watched_page(new_page):
    """`watched_page()`: a page and the Content-Security-Policy complaints its console reports."""

    def make() -> tuple[Page, list[str]]:
        page = new_page()
        complaints: list[str] = []
        page.on(
            "console", lambda message: complaints.append(message.text) if "Content Security" in message.text else None
        )
        return page, complaints

    return make


def log_in(page: Page, username: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(r"/$"))


def script_errors(page_errors: list[str]) -> list[str]:
    """The failures these tests cause on purpose are HTTP errors; a JavaScript error is never expected."""
    return [error for error in page_errors if error.startswith("pageerror")]


def test_a_failing_htmx_button_says_why_in_the_alert_region(watched_page, screenshot, page_errors, limits):
    from posts.services import post_create, post_delete
    from social.services import block_create, follow_create

    everyone = people("alice", "bob", "carol", "dan")
    follow_create(follower=everyone["bob"], followee=everyone["carol"])
    block_create(blocker=everyone["bob"], blocked=everyone["alice"])
    page, complaints = watched_page()
    log_in(page, "alice")
    alert = page.get_by_role("alert")

    # 400: the server refuses the follow and says why.
    page.goto("/@carol/followers/")
    expect(alert).to_be_hidden()
    page.get_by_role("button", name="Follow @bob", exact=True).click()
    expect(alert).to_be_visible()
    expect(alert).to_contain_text("You cannot follow this person.")
    screenshot(page, "feedback-400-follow-refused")
    page.get_by_role("button", name="Dismiss").click()
    expect(alert).to_be_hidden()

    # 404: the post went away while the page was open.
    post = post_create(author=everyone["carol"], body="Soon gone")
    page.goto("/explore/")
    post_delete(post=post, actor=everyone["carol"])
    page.get_by_role("button", name="0 likes, like").click()
    expect(alert).to_contain_text("Nothing here")

    # 429: too many follows in a minute.
    limits("follow", "1/60")
    page.goto("/@dan")
    page.get_by_role("button", name="Follow @dan", exact=True).click()
    page.get_by_role("button", name="Unfollow @dan", exact=True).click()
    page.get_by_role("button", name="Follow @dan", exact=True).click()
    expect(alert).to_contain_text("Slow down a little")
    expect(alert).to_contain_text("Try again in")
    screenshot(page, "feedback-429-slow-down")

    # 500 and no answer at all.
    page.route("**/follow/", lambda route: route.fulfill(status=500, body="boom"))
    page.reload()
    expect(alert).to_be_hidden()
    page.get_by_role("button", name="Follow @dan", exact=True).click()
    expect(alert).to_contain_text("The request failed (500).")
    page.unroute("**/follow/")
    page.route("**/follow/", lambda route: route.abort())
    page.get_by_role("button", name="Follow @dan", exact=True).click()
    expect(alert).to_contain_text("Threadly could not be reached")
    screenshot(page, "feedback-network-error")

    assert script_errors(page_errors) == []
    assert complaints == []


def test_the_composer_counts_emoji_as_the_server_does(watched_page, screenshot, page_errors, settings):
    people("alice")
    limit = settings.POST_MAX_LENGTH
    page, complaints = watched_page()
    log_in(page, "alice")
    box = page.get_by_label("What's happening?")
    counter = page.locator(".compose .char-counter")

    expect(counter).to_have_text(f"{limit} characters left")
    box.fill(f"  {EMOJI * limit}\n ")  # Trimmed as the server trims.
    expect(counter).to_have_text("0 characters left")
    expect(box).to_have_attribute("aria-invalid", "false")
    # Nothing cut the text short at half the limit, as maxlength's UTF-16 count did.
    assert page.evaluate("document.querySelector('.compose textarea').value.length") == 2 * limit + 4
    box.fill(EMOJI * limit)
    box.press("End")
    box.type(EMOJI)
    expect(counter).to_have_text("1 character too many")
    expect(box).to_have_attribute("aria-invalid", "true")
    screenshot(page, "feedback-composer-over")

    # Sent anyway, the server refuses it with the same limit.
    page.get_by_role("button", name="Post", exact=True).click()
    expect(page.get_by_text(f"A post is at most {limit} characters")).to_be_visible()

    page.goto("/")
    page.get_by_label("What's happening?").fill(EMOJI * limit)
    page.get_by_role("button", name="Post", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("Your post is up.")
    expect(page.get_by_role("article").filter(has_text=EMOJI * limit)).to_be_visible()
    assert script_errors(page_errors) == []
    assert complaints == []


def test_the_reply_box_counts_line_breaks_as_sent_and_keeps_its_counter_after_a_reply(
    new_page, screenshot, page_errors, settings
):
    from posts.services import post_create

    everyone = people("alice", "bob")
    post = post_create(author=everyone["bob"], body="Ask me anything")
    limit = settings.POST_MAX_LENGTH
    page = new_page()
    log_in(page, "alice")
    page.goto(f"/posts/{post.pk}/")
    counter = page.locator(f"#reply-slot-{post.pk} .char-counter")

    page.get_by_label("Your reply:", exact=True).fill(f"Hi {EMOJI}\nthere")
    # "Hi 😊" (4) + a line break sent as \r\n (2) + "there" (5).
    expect(counter).to_have_text(f"{limit - 11} characters left")
    page.get_by_role("button", name="Reply to @bob", exact=True).click()
    expect(page.locator("ol.thread-new > li.thread-reply")).to_have_count(1)
    expect(page.locator(f"#reply-slot-{post.pk} .char-counter")).to_have_text(f"{limit} characters left")
    screenshot(page, "feedback-reply-counter")
    assert script_errors(page_errors) == []


def test_search_results_keep_their_links_and_a_blocked_profile_offers_unblock(new_page, screenshot, page_errors):
    from posts.services import post_create
    from social.services import block_create

    everyone = people("alice", "bob")
    post_create(author=everyone["bob"], body="Fresh #coffee for @alice and @ghost, see https://brew.example/coffee")
    page = new_page()
    log_in(page, "alice")

    page.goto("/search/?q=coffee")
    result = page.get_by_role("article")
    expect(result.get_by_role("link", name="#coffee")).to_have_attribute("href", "/tags/coffee/")
    expect(result.get_by_role("link", name="@alice")).to_have_attribute("href", "/@alice")
    expect(result.get_by_role("link", name="@ghost")).to_have_count(0)
    expect(result.locator("mark").first).to_be_visible()
    screenshot(page, "feedback-search-links")

    block_create(blocker=everyone["alice"], blocked=everyone["bob"])
    page.goto("/@bob")
    expect(page.get_by_role("button", name="Unblock @bob")).to_be_visible()
    expect(page.get_by_role("button", name="Follow @bob")).to_have_count(0)
    screenshot(page, "feedback-blocked-profile")
    page.get_by_role("button", name="Unblock @bob").click()
    expect(page.get_by_role("button", name="Follow @bob", exact=True)).to_be_visible()
    assert script_errors(page_errors) == []
