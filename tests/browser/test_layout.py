"""The frame around every page, in chromium: one header row on a desktop, a slim top bar and a tab
bar on a phone, the visitor's landing page, lists that load their next page as it scrolls into view
(and keep their link without JavaScript), and times in the browser's time zone."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import ARTIFACTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct-horse-battery-staple-42"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
TABS = ["Home", "Explore", "Search", "Notifications", "Profile"]


def person(username: str):
    from accounts.services import user_create

    email = f"{username}@example.com"
    return user_create(username=username, email=email, password=PASSWORD, display_name=username.title())


def logged_in(new_page, username: str, **options) -> Page:
    page = new_page(**options)
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(r"/$"))
    return page


def box(locator) -> dict:
    found = locator.bounding_box()
    assert found is not None
    return found


def test_the_header_is_one_row_at_1280_pixels(new_page, screenshot, page_errors):
    person("alice")
    page = logged_in(new_page, "alice", viewport=DESKTOP)
    header = page.locator(".site-header")
    nav = page.get_by_role("navigation", name="Main")
    items = [
        nav.get_by_role("link", name="Threadly"),
        nav.get_by_role("search"),
        *(nav.get_by_role("link", name=name, exact=True) for name in ("Home", "Explore", "Notifications", "Profile")),
        nav.get_by_role("link", name="Compose"),
        nav.get_by_text("Menu"),
    ]
    middles = [box(item)["y"] + box(item)["height"] / 2 for item in items]
    assert max(middles) - min(middles) < 8, middles
    assert box(header)["height"] < 64
    expect(nav.get_by_role("link", name="Search", exact=True)).to_be_hidden()
    expect(page.locator(".tab-bar")).not_to_have_css("position", "fixed")

    # A narrower window keeps the one row: a Search link stands in for the box, Compose for its icon.
    page.set_viewport_size({"width": 660, "height": 800})
    narrow = [nav.get_by_role("link", name=name, exact=True) for name in ("Search", "Notifications", "Compose")]
    middles = [box(item)["y"] + box(item)["height"] / 2 for item in [items[0], *narrow, items[-1]]]
    assert max(middles) - min(middles) < 8, middles
    assert page.evaluate("document.documentElement.scrollWidth") <= 660
    page.set_viewport_size(DESKTOP)

    # Bookmarks, Settings and Log out wait in the menu, which opens without a page load.
    expect(nav.get_by_role("link", name="Bookmarks")).to_be_hidden()
    nav.locator("summary").click()
    expect(nav.get_by_role("link", name="Bookmarks")).to_be_visible()
    expect(nav.get_by_role("link", name="Settings")).to_be_visible()
    screenshot(page, "layout-desktop-menu-open")
    page.keyboard.press("Escape")
    expect(nav.get_by_role("link", name="Bookmarks")).to_be_hidden()
    expect(nav.locator("summary")).to_be_focused()
    assert page_errors == []


def test_a_phone_has_a_slim_top_bar_and_a_tab_bar(new_page, screenshot, page_errors):
    from posts.services import post_create

    alice = person("alice")
    for number in range(6):
        post_create(author=alice, body=f"Post number {number} with some words to fill the screen")
    page = logged_in(new_page, "alice", viewport=PHONE)
    tab_bar = page.locator(".tab-bar")

    expect(tab_bar).to_have_css("position", "fixed")
    for name in TABS:
        tab = tab_bar.get_by_role("link", name=name)
        expect(tab).to_be_visible()
        expect(tab.locator("svg")).to_be_visible()
    expect(tab_bar.get_by_role("link", name="Home")).to_have_attribute("aria-current", "page")
    assert box(tab_bar)["y"] + box(tab_bar)["height"] == pytest.approx(PHONE["height"], abs=1)
    expect(page.get_by_role("search").first).to_be_hidden()
    header = box(page.locator(".site-header"))
    assert header["height"] < 60
    expect(page.get_by_role("link", name="Compose")).to_be_visible()
    screenshot(page, "layout-phone-tab-bar")
    # As a phone shows it: the screen, the tab bar at its bottom.
    page.screenshot(path=str(ARTIFACTS / "layout-phone-tab-bar-screen.png"))

    # Scrolled to the end, the last of the page shows above the tab bar, not under it.
    page.mouse.wheel(0, 20_000)
    page.wait_for_timeout(300)
    footer = box(page.locator(".site-footer p"))
    assert footer["y"] + footer["height"] <= box(tab_bar)["y"] + 1
    page.get_by_role("link", name="Search", exact=True).click()
    expect(page).to_have_url(re.compile(r"/search/$"))
    expect(page.locator(".tab-bar").get_by_role("link", name="Search")).to_have_attribute("aria-current", "page")
    screenshot(page, "layout-phone-search")
    assert page_errors == []


def test_a_visitor_lands_on_what_threadly_is(new_page, screenshot, page_errors):
    from posts.services import post_create

    post_create(author=person("alice"), body="Good morning, Threadly!")
    for viewport, name in ((DESKTOP, "layout-landing-desktop"), (PHONE, "layout-landing-phone")):
        page = new_page(viewport=viewport)
        page.goto("/")
        expect(page.get_by_role("heading", level=1)).to_contain_text("Threadly is where short posts")
        expect(page.get_by_role("article")).to_contain_text("Good morning, Threadly!")
        expect(page.get_by_role("main").get_by_role("link", name="Sign up")).to_be_visible()
        expect(page.get_by_role("main").get_by_role("link", name="Log in")).to_be_visible()
        expect(page.get_by_role("button", name=re.compile("like"))).to_have_count(0)
        screenshot(page, name)
    page.get_by_role("main").get_by_role("link", name="Sign up").click()
    expect(page).to_have_url(re.compile(r"/accounts/signup/$"))
    assert page_errors == []


def ids_of(page: Page, selector: str) -> list[str]:
    return page.locator(selector).evaluate_all("(items) => items.map((item) => item.id)")


def scroll_to_the_end(page: Page, more: str) -> None:
    """Scroll down until the list has no next-page link left."""
    for _ in range(20):
        page.mouse.wheel(0, 20_000)
        page.wait_for_timeout(150)
        if page.get_by_role("link", name=more).count() == 0:
            return
    raise AssertionError(f"{more!r} was still there after 20 scrolls")


def test_lists_load_their_next_pages_as_they_scroll_into_view(new_page, settings, page_errors):
    from notifications.models import Notification
    from posts.models import Post
    from posts.services import like_create, post_create
    from social.services import follow_create

    settings.PAGE_SIZE = 3
    alice, bob = person("alice"), person("bob")
    for number in range(8):
        post_create(author=bob, body=f"Post {number}")
    fans = [person(f"fan{number}") for number in range(7)]
    for fan in fans:
        follow_create(follower=fan, followee=alice)
    for fan in fans:
        like_create(user=fan, post=post_create(author=alice, body=f"For {fan.username}"))
    page = logged_in(new_page, "alice", viewport=DESKTOP)

    page.goto("/explore/")
    scroll_to_the_end(page, "Older posts")
    newest_first = Post.objects.filter(conversation_id=None).order_by("-id").values_list("id", flat=True)
    assert ids_of(page, "article.post") == [f"post-{pk}" for pk in newest_first]

    thread = post_create(author=bob, body="Ask me anything")
    replies = [post_create(author=fan, body=f"Reply from {fan.username}", in_reply_to=thread) for fan in fans]
    page.goto(f"/posts/{thread.pk}/")
    scroll_to_the_end(page, "More replies")
    assert ids_of(page, "ol.thread-replies > li.thread-reply") == [f"reply-{reply.pk}" for reply in replies]

    page.goto("/search/?q=post")
    scroll_to_the_end(page, "More results")
    found = ids_of(page, "article.post")
    assert len(found) == len(set(found)) == 8

    page.goto("/@alice/followers/")
    scroll_to_the_end(page, "More people")
    names = page.locator("li.person .handle").all_inner_texts()
    assert sorted(names) == sorted(f"@{fan.username}" for fan in fans) and len(set(names)) == len(fans)

    page.goto("/notifications/")
    scroll_to_the_end(page, "Older notifications")
    # Every notification once: each unread group's "Mark read" form carries the ids it groups.
    carried = page.locator("li.notification input[name=id]").evaluate_all("(inputs) => inputs.map((i) => +i.value)")
    assert sorted(carried) == sorted(Notification.objects.filter(recipient=alice).values_list("id", flat=True))
    assert page_errors == []


def test_without_javascript_the_older_posts_link_opens_the_next_page(new_page, settings):
    from posts.services import post_create

    settings.PAGE_SIZE = 2
    bob = person("bob")
    posts = [post_create(author=bob, body=f"Post {number}") for number in range(3)]
    page = new_page(viewport=DESKTOP, java_script_enabled=False)
    page.goto("/explore/")
    page.get_by_role("link", name="Older posts").click()
    expect(page).to_have_url(re.compile(rf"/explore/\?before={posts[1].pk}$"))
    assert ids_of(page, "article.post") == [f"post-{posts[0].pk}"]


def test_times_show_in_the_browsers_time_zone(new_page):
    from datetime import UTC, datetime

    from posts.models import Post
    from posts.services import post_create

    post = post_create(author=person("bob"), body="At noon in London")
    Post.objects.filter(pk=post.pk).update(created_at=datetime(2026, 1, 15, 12, 0, tzinfo=UTC))
    page = new_page(viewport=DESKTOP, timezone_id="Asia/Tokyo")
    page.goto("/explore/")
    assert {cookie["name"]: cookie["value"] for cookie in page.context.cookies()}["tz"] == "Asia/Tokyo"
    page.reload()
    expect(page.locator("article time")).to_have_attribute("title", "Jan. 15, 2026, 9 p.m.")
