"""The site works under its Content-Security-Policy: JavaScript on, no violation on any main page.

Chromium reports a blocked script, style or connection both as a console message naming the
Content Security Policy and as a `securitypolicyviolation` event; the tests listen for both.
"""

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct-horse-battery-staple-42"
# Runs before any page script, through the browser's debugging protocol, so the policy does not block it.
RECORD_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"}`);
});
"""


@pytest.fixture
def csp_page(new_page) -> Callable[..., tuple[Page, list[str]]]:
    """`csp_page()`: a page and the list of CSP violations it reports, on the console or as events."""

    def make(**options) -> tuple[Page, list[str]]:
        page = new_page(**options)
        violations: list[str] = []
        page.add_init_script(RECORD_VIOLATIONS)
        page.on(
            "console",
            lambda message: (
                violations.append(f"console: {message.text}") if "Content Security Policy" in message.text else None
            ),
        )
        return page, violations

    return make


def events_of(page: Page) -> list[str]:
    return page.evaluate("window.cspViolations || []")


def visit(page: Page, path: str, violations: list[str]) -> None:
    response = page.goto(path)
    assert response is not None and response.status < 400, f"{path} answered {response and response.status}"
    assert "content-security-policy" in response.headers, f"{path} has no policy"
    page.wait_for_load_state("networkidle")
    violations.extend(f"{path}: {event}" for event in events_of(page))


def log_in(page: Page, username: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(r"/$"))


def test_the_main_pages_and_their_htmx_actions_run_without_a_violation(csp_page, page_errors, screenshot):
    from accounts.services import user_create
    from posts.services import post_create
    from social.services import follow_create

    bob = user_create(username="bob", email="bob@example.com", password=PASSWORD, display_name="Bob")
    alice = user_create(username="alice", email="alice@example.com", password=PASSWORD, display_name="Alice")
    post = post_create(author=bob, body="Hello #threadly from Bob")
    follow_create(follower=bob, followee=alice)

    page, violations = csp_page()
    for path in ("/explore/", "/accounts/login/", "/accounts/signup/", "/@bob", f"/posts/{post.pk}/"):
        visit(page, path, violations)

    log_in(page, "alice")
    for path in ("/", "/explore/", "/@bob", "/notifications/", "/search/?q=hello", "/tags/threadly/", "/bookmarks/"):
        visit(page, path, violations)

    # htmx swaps run under the policy too: like and reply in place on the post page.
    visit(page, f"/posts/{post.pk}/", violations)
    page.get_by_role("button", name="0 likes, like").click()
    expect(page.get_by_role("button", name="1 like, unlike")).to_be_visible()
    page.get_by_label("Your reply:", exact=True).fill("Welcome, Bob!")
    page.get_by_role("button", name="Reply to @bob", exact=True).click()
    expect(page.locator("ol.thread-new > li.thread-reply")).to_have_count(1)
    # Following from the profile, and the unread badge that htmx loads on every page.
    visit(page, "/@bob", violations)
    page.get_by_role("button", name="Follow @bob", exact=True).click()
    expect(page.get_by_role("button", name="Unfollow @bob", exact=True)).to_be_visible()
    violations.extend(f"after htmx: {event}" for event in events_of(page))
    screenshot(page, "csp-profile-followed")

    assert violations == []
    assert page_errors == []


def test_the_api_docs_render_under_the_policy(csp_page, page_errors, screenshot):
    page, violations = csp_page()

    visit(page, "/api/threadly/docs/", violations)

    # Swagger UI's own script ran (nonce), fetched the schema (connect-src) and drew the operations.
    expect(page.get_by_role("heading", name=re.compile("Threadly API"))).to_be_visible()
    expect(page.locator(".opblock").first).to_be_visible()
    expect(page.locator(".opblock-summary-path").filter(has_text="/api/threadly/v1/auth/token").first).to_be_visible()
    # "Try it out" calls the API from the page and shows the answer, highlighted.
    operation = page.locator(".opblock").filter(has=page.get_by_text("/api/threadly/v1/posts/public", exact=True))
    operation.locator(".opblock-summary").click()
    operation.get_by_role("button", name="Try it out").click()
    operation.get_by_role("button", name="Execute").click()
    expect(operation.locator(".live-responses-table tbody .response-col_status").first).to_contain_text("200")
    violations.extend(events_of(page))
    screenshot(page, "csp-api-docs")
    assert violations == []
    assert page_errors == []


def test_error_pages_render_under_the_policy(csp_page, page_errors):
    page, violations = csp_page()

    response = page.goto("/no/such/page/")

    assert response is not None and response.status == 404
    expect(page.get_by_role("heading", name="Nothing here")).to_be_visible()
    violations.extend(events_of(page))
    assert violations == []


def test_the_listeners_hear_a_violation(csp_page):
    """The policy is enforced and the tests above would notice: an inline script is refused."""
    page, violations = csp_page()
    visit(page, "/explore/", violations)

    page.evaluate(
        """() => {
          const script = document.createElement("script");
          script.textContent = "window.inlineRan = true";
          document.body.append(script);
        }"""
    )

    expect(page.locator("body")).to_be_visible()
    page.wait_for_function("window.cspViolations.length > 0")
    assert page.evaluate("window.inlineRan === undefined")
    assert any("script-src" in event for event in events_of(page))
    assert any("Content Security Policy" in message for message in violations)


def test_the_admin_runs_under_the_policy(csp_page, page_errors):
    from accounts.models import User

    User.objects.create_superuser(username="boss", email="boss@example.com", password=PASSWORD)
    page, violations = csp_page()
    page.goto("/admin/login/")
    page.get_by_label("Username").fill("boss")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Site administration")).to_be_visible()

    boss = User.objects.get(username="boss")
    for path in ("/admin/", "/admin/accounts/user/", f"/admin/accounts/user/{boss.pk}/change/"):
        visit(page, path, violations)

    assert violations == []
    assert page_errors == []
