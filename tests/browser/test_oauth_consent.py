"""A person logs in to an app from the browser: the authorize link sends a visitor to the login page
and back, the consent page names the app and what it may do, Authorize shows the out-of-band code,
and Settings → Apps takes the access back with htmx. Every page passes axe (no serious or critical
violation) in light and dark, and the code it shows is one the app can exchange for a token."""

import re
from urllib.parse import urlencode

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct-horse-battery-staple-42"
OOB = "urn:ietf:wg:oauth:2.0:oob"
BLOCKING = {"serious", "critical"}


def serious_violations(page: Page) -> list[str]:
    page.wait_for_load_state("networkidle")
    return [
        f"{page.url}: {violation['id']} ({violation['impact']}): {violation['help']}"
        for violation in Axe().run(page).response["violations"]
        if violation["impact"] in BLOCKING
    ]


@pytest.fixture
def app_and_alice():
    from accounts.services import user_create
    from mastodon_api.oauth.services import application_register

    user_create(username="alice", email="alice@example.com", password=PASSWORD, display_name="Alice")
    app, secret = application_register(
        name="Pocket Toots", redirect_uris=[OOB], scope_text="read write follow", website="https://toots.example/"
    )
    return app, secret


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_logged_out_to_login_to_consent_to_the_code(new_page, screenshot, app_and_alice, page_errors, scheme):
    app, secret = app_and_alice
    page = new_page(color_scheme=scheme)
    query = urlencode({"response_type": "code", "client_id": app.client_id, "redirect_uri": OOB, "scope": "read write"})

    page.goto(f"/oauth/authorize?{query}")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next="))
    page.get_by_label("Username").fill("alice")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()

    expect(page.get_by_role("heading", name="Authorize Pocket Toots?")).to_be_visible()
    expect(page.get_by_role("link", name="https://toots.example/")).to_be_visible()
    expect(page.get_by_text("Read all your account's data")).to_be_visible()
    expect(page.get_by_text("Change all your account's data")).to_be_visible()
    expect(page.get_by_role("button", name="Deny")).to_be_visible()
    assert serious_violations(page) == []
    screenshot(page, f"oauth-consent-{scheme}")

    page.get_by_role("button", name="Authorize").click()
    code = page.locator("code#authorization-code")
    expect(code).to_be_visible()
    expect(page.get_by_text("Copy this code into Pocket Toots")).to_be_visible()
    assert serious_violations(page) == []
    screenshot(page, f"oauth-code-{scheme}")

    token = page.request.post(
        "/oauth/token",
        form={
            "grant_type": "authorization_code",
            "code": code.inner_text(),
            "client_id": app.client_id,
            "client_secret": secret,
            "redirect_uri": OOB,
        },
    )
    assert token.status == 200
    assert token.json()["scope"] == "read write"
    assert page_errors == []


def test_settings_apps_revokes_with_htmx(new_page, screenshot, app_and_alice, page_errors):
    app, secret = app_and_alice
    page = new_page()
    query = urlencode({"response_type": "code", "client_id": app.client_id, "redirect_uri": OOB})
    page.goto(f"/oauth/authorize?{query}")
    page.get_by_label("Username").fill("alice")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("button", name="Authorize").click()
    code = page.locator("code#authorization-code").inner_text()
    body = {"grant_type": "authorization_code", "code": code, "redirect_uri": OOB}
    token = page.request.post("/oauth/token", form={**body, "client_id": app.client_id, "client_secret": secret})
    assert token.status == 200

    page.goto("/settings/apps/")
    expect(page.get_by_text("Pocket Toots", exact=True)).to_be_visible()
    assert serious_violations(page) == []
    screenshot(page, "oauth-settings-apps")
    page.get_by_role("button", name="Revoke access of Pocket Toots").click()

    expect(page.get_by_role("status").filter(has_text="The app's access was revoked.")).to_be_visible()
    expect(page.get_by_text("You have not given any app access to your account.")).to_be_visible()
    bearer = {"Authorization": f"Bearer {token.json()['access_token']}"}
    assert page.request.get("/api/v1/apps/verify_credentials", headers=bearer).status == 401
    assert page_errors == []
