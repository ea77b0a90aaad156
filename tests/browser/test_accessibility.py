"""axe-core (bundled by axe-playwright-python) over every main page, for a visitor and a member, in
the light and the dark color scheme, at desktop and phone widths: no serious or critical violation.
No rule is turned off. And the pages work by keyboard: the header, the tab bar and a post's buttons
are reached with Tab, show a focus ring, and like and compose work from the keyboard."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct-horse-battery-staple-42"
VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
BLOCKING = {"serious", "critical"}
PUBLIC_PAGES = [
    "/",
    "/accounts/login/",
    "/accounts/signup/",
    "/explore/",
    "/@alice",
    "/@alice/followers/",
    "/@alice/following/",
    "/search/?q=morning",
    "/no-such-page/",
]
MEMBER_PAGES = [
    "/",
    "/explore/",
    "/@alice",
    "/@alice?with_replies=1",
    "/@bob",
    "/@alice/followers/",
    "/compose/",
    "/notifications/",
    "/bookmarks/",
    "/search/?q=morning",
    "/search/?q=b&type=people",
    "/accounts/settings/profile/",
    "/settings/blocked/",
    "/no-such-page/",
]


def person(username: str):
    from accounts.services import user_create

    email = f"{username}@example.com"
    return user_create(username=username, email=email, password=PASSWORD, display_name=username.title())


@pytest.fixture
def neighbourhood():
    """Alice and the people around her, with something on every page: posts, a thread with replies,
    a repost and a quote, a bookmark, notifications, follows, a block and a mute. The thread's path."""
    from posts.bookmarks import bookmark_create
    from posts.reposts import repost_create
    from posts.services import like_create, post_create
    from social.services import block_create, follow_create, mute_create

    alice, bob, carol, dan, erin = (person(name) for name in ("alice", "bob", "carol", "dan", "erin"))
    follow_create(follower=alice, followee=bob)
    follow_create(follower=bob, followee=alice)
    follow_create(follower=carol, followee=alice)
    morning = post_create(author=alice, body="Good morning, #threadly! Coffee first, then @bob's post.")
    post_create(author=bob, body="Morning! See https://example.com/news", in_reply_to=morning)
    post_create(author=carol, body="A quiet morning here", quoted_post=morning)
    post_create(author=alice, body="Only for my followers", visibility="followers")
    repost_create(user=bob, post=morning)
    like_create(user=bob, post=morning)
    bookmark_create(user=alice, post=post_create(author=bob, body="Worth keeping, this morning"))
    block_create(blocker=alice, blocked=dan)
    mute_create(muter=alice, muted=erin)
    return f"/posts/{morning.pk}/"


def log_in(page: Page) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill("alice")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(r"/$"))


def serious_violations(axe: Axe, page: Page, path: str) -> list[str]:
    page.goto(path)
    page.wait_for_load_state("networkidle")
    results = axe.run(page)
    return [
        f"{path}: {violation['id']} ({violation['impact']}): {violation['help']} at "
        + "; ".join(" ".join(node["target"]) for node in violation["nodes"][:3])
        for violation in results.response["violations"]
        if violation["impact"] in BLOCKING
    ]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", sorted(VIEWPORTS))
def test_every_main_page_has_no_serious_accessibility_violation(
    new_page, neighbourhood, scheme, width, screenshot, page_errors
):
    axe = Axe()
    found: list[str] = []
    visitor = new_page(viewport=VIEWPORTS[width], color_scheme=scheme)
    for path in [*PUBLIC_PAGES, neighbourhood]:
        found += serious_violations(axe, visitor, path)
    member = new_page(viewport=VIEWPORTS[width], color_scheme=scheme)
    log_in(member)
    for path in [*MEMBER_PAGES, neighbourhood]:
        found += serious_violations(axe, member, path)
    member.goto(neighbourhood)
    screenshot(member, f"accessibility-thread-{width}-{scheme}")
    assert found == []
    assert [error for error in page_errors if "no-such-page" not in error] == []


def test_the_check_finds_a_violation_when_there_is_one(new_page, neighbourhood):
    """The harness itself: an image without alt text on the page is reported, so a clean run means clean."""
    page = new_page(viewport=VIEWPORTS["desktop"])
    page.goto("/explore/")
    page.evaluate("document.querySelector('main').append(document.createElement('img'))")

    assert [violation["id"] for violation in Axe().run(page).response["violations"]] == ["image-alt"]


def focus_ring_of(page: Page) -> str:
    """The focused element's box-shadow (the site's focus ring) or outline."""
    return page.evaluate(
        "(() => { const style = getComputedStyle(document.activeElement);"
        " return style.boxShadow !== 'none' ? style.boxShadow : style.outlineStyle; })()"
    )


def tab_to(page: Page, accessible_name: re.Pattern, limit: int = 60) -> list[str]:
    """Press Tab until the focused element's text or label matches; the names passed on the way."""
    passed = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        name = page.evaluate(
            "(() => { const el = document.activeElement;"
            " return (el.getAttribute('aria-label') || el.innerText || el.value || '').trim(); })()"
        )
        passed.append(name)
        assert focus_ring_of(page) not in ("none", ""), f"no focus ring on {name!r}"
        if accessible_name.search(name):
            return passed
    raise AssertionError(f"Tab never reached {accessible_name.pattern!r}; passed {passed}")


@pytest.mark.parametrize("width", sorted(VIEWPORTS))
def test_the_header_tab_bar_and_a_posts_buttons_work_by_keyboard(new_page, neighbourhood, width, page_errors):
    from posts.models import Like

    page = new_page(viewport=VIEWPORTS[width])
    log_in(page)
    page.goto("/explore/")

    passed = tab_to(page, re.compile(r"^Skip to content$"))
    passed += tab_to(page, re.compile(r"^Notifications"))
    passed += tab_to(page, re.compile(r"^Profile$"))
    assert any(name.startswith("Home") for name in passed) and any(name.startswith("Explore") for name in passed)
    passed = tab_to(page, re.compile(r"like$"))
    likes = Like.objects.count()
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name=re.compile(r"unlike$")).first).to_be_visible()
    assert Like.objects.count() == likes + 1

    page.goto("/explore/")
    tab_to(page, re.compile(r"Compose$"))
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/compose/$"))
    tab_to(page, re.compile(r"^$|What's happening"), limit=40)
    page.get_by_label("What's happening?").focus()
    page.keyboard.type("Typed without a mouse")
    tab_to(page, re.compile(r"^Post$"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("article").filter(has_text="Typed without a mouse")).to_be_visible()
    assert page_errors == []
