"""End to end in a real browser: sign up, post, follow, like, reply, followers-only posts, no-JS fallback.

Runs Debian's chromium through Playwright against pytest-django's live server. Screenshots of the
key steps land in test-artifacts/browser/ for a human to look at.
"""

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct-horse-battery-staple-42"
NO_RELOAD_MARK = "threadly-no-reload"


def sign_up(page: Page, *, username: str, display_name: str) -> None:
    page.goto("/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Sign up").click()
    expect(page).to_have_url(re.compile(r"/accounts/signup/$"))
    expect(page.get_by_role("heading", name="Join Threadly")).to_be_visible()
    page.get_by_label("Username").fill(username)
    page.get_by_label("Email").fill(f"{username}@example.com")
    page.get_by_label("Display name").fill(display_name)
    page.get_by_label("Password:", exact=True).fill(PASSWORD)
    page.get_by_label("Password confirmation").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.get_by_role("status")).to_contain_text(f"Welcome to Threadly, {display_name}!")


def log_in(page: Page, *, username: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(r"/$"))


def write_post(page: Page, body: str, *, visibility: str = "Public") -> None:
    page.goto("/")
    page.get_by_label("What's happening?").fill(body)
    page.get_by_label("Visibility").select_option(label=visibility)
    page.get_by_role("button", name="Post", exact=True).click()
    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.get_by_role("status")).to_contain_text("Your post is up.")
    expect(page.get_by_role("article").filter(has_text=body)).to_be_visible()


def mark_page(page: Page) -> None:
    """Set a window variable that a full page load would wipe out."""
    page.evaluate(f"window.{NO_RELOAD_MARK.replace('-', '_')} = true")


def assert_not_reloaded(page: Page) -> None:
    assert page.evaluate(f"window.{NO_RELOAD_MARK.replace('-', '_')} === true"), "the page was reloaded"


def test_sign_up_follow_like_reply_and_followers_only_posts(new_page, screenshot, page_errors):
    # A signs up through the sign-up page.
    alice = new_page()
    sign_up(alice, username="alice", display_name="Alice")
    screenshot(alice, "signup")
    expect(alice.get_by_text("Your timeline is empty.")).to_be_visible()

    # B signs up in a separate browser context and writes a public post.
    bob = new_page()
    sign_up(bob, username="bob", display_name="Bob")
    write_post(bob, "Hello from Bob, the first post on Threadly")

    # A visits B's profile and follows B: htmx swaps the button and the follower count in place.
    alice.goto("/@bob")
    expect(alice.get_by_role("heading", level=1)).to_have_text("Bob @bob")
    followers_link = alice.get_by_role("link", name=re.compile(r"^\d+ followers?$"))
    expect(followers_link).to_have_text("0 followers")
    mark_page(alice)
    alice.get_by_role("button", name="Follow @bob", exact=True).click()
    unfollow = alice.get_by_role("button", name="Unfollow @bob", exact=True)
    expect(unfollow).to_be_visible()
    expect(unfollow).to_have_attribute("aria-pressed", "true")
    expect(followers_link).to_have_text("1 follower")
    assert_not_reloaded(alice)
    expect(alice).to_have_url(re.compile(r"/@bob$"))
    screenshot(alice, "profile-followed")

    # A likes B's post from its page: the count goes to 1 without a reload.
    post = alice.get_by_role("article").filter(has_text="Hello from Bob")
    post.get_by_role("link", name=re.compile(r"ago|now")).click()
    expect(alice).to_have_url(re.compile(r"/posts/\d+/$"))
    post_url = alice.url
    mark_page(alice)
    alice.get_by_role("button", name="0 likes, like").click()
    liked = alice.get_by_role("button", name="1 like, unlike")
    expect(liked).to_be_visible()
    expect(liked).to_have_attribute("aria-pressed", "true")
    assert_not_reloaded(alice)

    # A replies from the post page: the reply appears in the thread without a reload.
    expect(alice.get_by_text("No replies yet.")).to_be_visible()
    alice.get_by_label("Your reply:", exact=True).fill("Welcome aboard, Bob!")
    alice.get_by_role("button", name="Reply to @bob", exact=True).click()
    replies = alice.locator("ol.thread-new > li.thread-reply")
    expect(replies).to_have_count(1)
    expect(replies.first).to_contain_text("Alice")
    expect(replies.first).to_contain_text("Welcome aboard, Bob!")
    expect(alice.get_by_role("link", name="1 reply", exact=True)).to_be_visible()
    expect(alice.get_by_label("Your reply:", exact=True)).to_have_value("")
    expect(alice.get_by_text("No replies yet.")).to_be_hidden()
    assert_not_reloaded(alice)
    assert alice.url == post_url
    screenshot(alice, "post-liked-commented")

    # B sees the like and the reply on a fresh load of the post.
    bob.goto(post_url)
    expect(bob.get_by_role("button", name="1 like, like")).to_be_visible()
    expect(bob.locator("ol.thread-replies")).to_contain_text("Welcome aboard, Bob!")

    # B was told of the follow, the like and the reply: the badge counts them, the page lists them.
    expect(bob.locator("#unread-badge")).to_have_text(re.compile(r"^3"))
    bob.get_by_role("link", name=re.compile(r"^Notifications")).click()
    items = bob.locator("li.notification.unread")
    expect(items).to_have_count(3)
    expect(items.nth(0)).to_contain_text("replied to your post")
    expect(items.nth(0)).to_contain_text("Welcome aboard, Bob!")
    expect(items.nth(1)).to_contain_text("liked your post")
    expect(items.nth(2)).to_contain_text("followed you")
    screenshot(bob, "notifications")
    items.nth(0).get_by_role("button", name="Mark read").click()
    expect(items).to_have_count(2)
    expect(bob.locator("#unread-badge")).to_have_text(re.compile(r"^2"))
    bob.get_by_role("button", name="Mark all as read").click()
    expect(bob.locator("li.notification.unread")).to_have_count(0)
    expect(bob.locator("#unread-badge")).to_have_text("")

    # B posts for followers only; A's home timeline shows it with its badge.
    write_post(bob, "Followers only: secret plans for the weekend", visibility="Followers only")
    alice.goto("/")
    timeline = alice.get_by_role("region", name="Your timeline")
    secret = timeline.get_by_role("article").filter(has_text="secret plans for the weekend")
    expect(secret).to_be_visible()
    expect(secret.get_by_text("Followers only", exact=True)).to_be_visible()
    expect(timeline.get_by_role("article").filter(has_text="Hello from Bob")).to_be_visible()
    screenshot(alice, "home-feed")
    secret_url = secret.get_by_role("link", name=re.compile(r"ago|now")).get_attribute("href")

    # A phone-sized viewport, same session as A.
    phone = new_page(viewport={"width": 390, "height": 844}, storage_state=alice.context.storage_state())
    phone.goto("/")
    expect(phone.get_by_role("article").filter(has_text="secret plans")).to_be_visible()
    screenshot(phone, "mobile-home")
    page_width = phone.evaluate("document.documentElement.scrollWidth")
    assert page_width <= 390, f"the home page scrolls sideways on a phone ({page_width}px wide)"

    # An anonymous visitor sees B's public post but not the followers-only one, nor its page.
    visitor = new_page()
    visitor.goto("/@bob")
    feed = visitor.get_by_role("region", name="Posts by @bob")
    expect(feed.get_by_role("article").filter(has_text="Hello from Bob")).to_be_visible()
    expect(feed.get_by_role("article")).to_have_count(1)
    expect(visitor.get_by_text("secret plans")).to_have_count(0)
    follow_link = visitor.get_by_role("link", name="Follow", exact=True)
    expect(follow_link).to_have_attribute("href", re.compile(r"^/accounts/login/\?next="))
    screenshot(visitor, "anonymous-profile")
    assert page_errors == []
    response = visitor.goto(secret_url)
    assert response is not None and response.status == 404
    page_errors.remove(f"HTTP 404 GET {response.url}")
    expect(visitor.get_by_role("heading", name="Nothing here")).to_be_visible()
    expect(visitor.get_by_text("secret plans")).to_have_count(0)

    assert page_errors == []


def test_like_and_unlike_work_without_javascript(new_page, screenshot, page_errors):
    from accounts.services import user_create
    from posts.services import post_create

    author = user_create(username="carol", email="carol@example.com", password=PASSWORD, display_name="Carol")
    post = post_create(author=author, body="Plain HTML forms still work")
    user_create(username="dave", email="dave@example.com", password=PASSWORD)

    page = new_page(java_script_enabled=False)
    log_in(page, username="dave")
    page.goto(f"/posts/{post.pk}/")
    page.get_by_role("button", name="0 likes, like").click()
    # A plain form post redirects back to the page the button was on.
    expect(page).to_have_url(re.compile(rf"/posts/{post.pk}/$"))
    expect(page.get_by_role("button", name="1 like, unlike")).to_be_visible()
    screenshot(page, "no-js-liked")

    page.get_by_role("button", name="1 like, unlike").click()
    expect(page).to_have_url(re.compile(rf"/posts/{post.pk}/$"))
    expect(page.get_by_role("button", name="0 likes, like")).to_be_visible()

    # Following from the profile works the same way.
    page.goto("/@carol")
    page.get_by_role("button", name="Follow @carol", exact=True).click()
    expect(page).to_have_url(re.compile(r"/@carol$"))
    expect(page.get_by_role("button", name="Unfollow @carol", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name=re.compile(r"followers?$"))).to_have_text("1 follower")

    assert page_errors == []
