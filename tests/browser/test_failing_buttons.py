"""Every htmx button and form says on the page when its request fails: the alert region shows the
server's words (400, 403, 404, 429), takes the focus so that it is read out, and Dismiss puts the
focus back on the button. Real failures from the real server: a post deleted meanwhile, a follow
ended in another tab, a rate limit, a session ended in another tab."""

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct-horse-battery-staple-42"


def person(username: str):
    from accounts.services import user_create

    email = f"{username}@example.com"
    return user_create(username=username, email=email, password=PASSWORD, display_name=username.title())


def logged_in(new_page, username: str = "alice", **options) -> Page:
    page = new_page(**options)
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(r"/$"))
    return page


def press_and_expect_alert(page: Page, button, *words: str) -> None:
    """Press `button`; the alert says `words`, holds the focus, and gives it back when dismissed."""
    alert = page.get_by_role("alert")
    button.click()
    expect(alert).to_be_visible()
    for part in words:
        expect(alert).to_contain_text(part)
    expect(alert).to_be_focused()
    page.keyboard.press("Tab")
    expect(alert.get_by_role("button", name="Dismiss")).to_be_focused()
    page.keyboard.press("Enter")
    expect(alert).to_be_hidden()
    expect(button).to_be_focused()


def test_a_posts_buttons_say_so_when_the_post_went_away(new_page, screenshot, page_errors):
    from posts.services import post_create, post_delete

    alice, bob = person("alice"), person("bob")
    post = post_create(author=bob, body="Soon gone")
    page = logged_in(new_page)
    page.goto(f"/posts/{post.pk}/")
    reply_box = page.get_by_label("Your reply:", exact=True)
    reply_box.fill("Too late")
    post_delete(post=post, actor=bob)

    article = page.get_by_role("article").first
    press_and_expect_alert(page, article.get_by_role("button", name="0 likes, like"), "Nothing here")
    press_and_expect_alert(page, article.get_by_role("button", name="0 reposts, repost"), "Nothing here")
    press_and_expect_alert(page, article.get_by_role("button", name="Bookmark"), "Nothing here")
    press_and_expect_alert(page, page.get_by_role("button", name="Reply to @bob"), "Nothing here")
    screenshot(page, "failing-buttons-404")
    assert alice.pk and not [error for error in page_errors if error.startswith("pageerror")]


def test_the_bell_and_the_next_page_say_so_when_a_follow_or_a_list_went_away(new_page, settings, screenshot):
    from social.services import block_create, follow_create, follow_delete

    settings.PAGE_SIZE = 1
    alice, bob = person("alice"), person("bob")
    follow_create(follower=alice, followee=bob)
    page = logged_in(new_page)
    page.goto("/@bob")
    follow_delete(follower=alice, followee=bob)

    # 400: the follow ended in another tab.
    press_and_expect_alert(page, page.get_by_role("button", name="Notify me of posts"), "Follow them first.")
    screenshot(page, "failing-buttons-400")

    # 404: the next page of a list that is no longer the viewer's to see.
    for number in range(3):
        follow_create(follower=person(f"fan{number}"), followee=bob)
    short = logged_in(new_page, viewport={"width": 1280, "height": 360})
    short.goto("/@bob/followers/")
    block_create(blocker=bob, blocked=alice)
    more = short.get_by_role("link", name="More people")
    press_and_expect_alert(short, more, "Nothing here")


def test_too_many_replies_say_slow_down(new_page, limits, screenshot):
    from posts.services import post_create

    person("alice")
    post = post_create(author=person("bob"), body="Ask me anything")
    limits("post", "1/60")
    page = logged_in(new_page)
    page.goto(f"/posts/{post.pk}/")
    page.get_by_label("Your reply:", exact=True).fill("First")
    page.get_by_role("button", name="Reply to @bob").click()
    expect(page.locator("ol.thread-new > li.thread-reply")).to_have_count(1)
    page.get_by_label("Your reply:", exact=True).fill("Second")
    press_and_expect_alert(page, page.get_by_role("button", name="Reply to @bob"), "Slow down a little", "Try again in")
    screenshot(page, "failing-buttons-429")


def log_out_elsewhere(page: Page) -> None:
    """Log out with the page's own session cookie, as another tab would, without opening one
    (closing a second tab could hang chromium in CI)."""
    cookies = {cookie["name"]: cookie["value"] for cookie in page.context.cookies()}
    origin = re.match(r"https?://[^/]+", page.url).group(0)
    response = page.context.request.post(
        "/accounts/logout/",
        headers={"X-CSRFToken": cookies["csrftoken"], "Origin": origin, "Referer": page.url},
        max_redirects=0,
    )
    assert response.status == 302, response.status
    assert "sessionid" not in {cookie["name"] for cookie in page.context.cookies()}


def test_a_button_pressed_after_logging_out_elsewhere_says_so(new_page, screenshot):
    from posts.models import Like
    from posts.services import post_create

    person("alice")
    post_create(author=person("bob"), body="Like me")
    page = logged_in(new_page)
    page.goto("/explore/")
    log_out_elsewhere(page)

    alert = page.get_by_role("alert")
    page.get_by_role("button", name="0 likes, like").click()
    expect(alert).to_contain_text("You are logged out")
    expect(alert).to_be_focused()
    assert Like.objects.count() == 0
    # The way on is in the alert: logging in brings them back to the page they were on.
    login = alert.get_by_role("link", name="Log in")
    expect(login).to_have_attribute("href", "/accounts/login/?next=%2Fexplore%2F")
    screenshot(page, "failing-buttons-logged-out")
    login.click()
    page.get_by_label("Username").fill("alice")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(r"/explore/$"))
