"""Production security: the headers every response carries, the CSP, cookies and `check --deploy`."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from posts.factories import PostFactory

BASE_DIR = Path(__file__).resolve().parents[2]
CSP_HEADER = "Content-Security-Policy"

pytestmark = pytest.mark.django_db


def directives(policy: str) -> dict[str, list[str]]:
    parsed = {}
    for part in policy.split(";"):
        name, *values = part.split()
        parsed[name] = values
    return parsed


@pytest.mark.parametrize("path", ["/explore/", "/accounts/login/", "/no/such/page/", "/api/threadly/v1/posts"])
def test_every_response_carries_the_security_headers(client, path):
    response = client.get(path)

    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert CSP_HEADER in response


def test_the_policy_allows_nothing_inline_or_from_elsewhere(client):
    policy = directives(client.get("/explore/")[CSP_HEADER])

    assert policy == {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }


def test_pages_have_no_inline_script_style_or_handler(client, alice):
    """What the policy would block: an inline <script> or <style>, a style= or on*= attribute."""
    post = PostFactory(author=alice)
    client.force_login(alice)
    for path in ("/", "/explore/", "/@alice", f"/posts/{post.pk}/", "/notifications/", "/search/?q=hello"):
        response = client.get(path)
        assert response.status_code == 200, path
        html = response.text
        assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html) == [], path
        assert "<style" not in html, path
        assert re.findall(r"\s(style|on[a-z]+|hx-on[:\w-]*)=", html) == [], path


def test_htmx_is_told_not_to_inject_styles_or_eval(client):
    html = client.get("/explore/").text

    assert """<meta name="htmx-config" content='{"includeIndicatorStyles": false, "allowEval": false}'>""" in html


def test_the_api_docs_page_runs_its_inline_script_and_style_by_the_requests_nonce(client):
    response = client.get(reverse("api:docs"))

    assert response.status_code == 200
    policy = directives(response[CSP_HEADER])
    nonce = re.fullmatch(r"'nonce-([\w-]+)'", policy["script-src"][1]).group(1)
    assert policy["style-src"] == ["'self'", f"'nonce-{nonce}'"]
    assert f'<script nonce="{nonce}">' in response.text
    assert f'<style nonce="{nonce}">' in response.text
    assert re.findall(r"<(?:script|style)(?![^>]*\b(?:src|nonce)=)[^>]*>", response.text) == []


def test_each_request_gets_its_own_nonce(client):
    first = directives(client.get(reverse("api:docs"))[CSP_HEADER])["script-src"]
    second = directives(client.get(reverse("api:docs"))[CSP_HEADER])["script-src"]

    assert first != second


def test_hsts_is_sent_over_https_when_configured(client, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = False

    response = client.get("/explore/", secure=True)

    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def test_no_hsts_over_plain_http(client, settings):
    settings.SECURE_HSTS_SECONDS = 31536000

    assert "Strict-Transport-Security" not in client.get("/explore/")


def test_no_hsts_when_not_configured(client, settings):
    settings.SECURE_HSTS_SECONDS = 0

    assert "Strict-Transport-Security" not in client.get("/explore/", secure=True)


def test_plain_http_is_redirected_to_https_when_configured(client, settings):
    settings.SECURE_SSL_REDIRECT = True

    response = client.get("/explore/")

    assert response.status_code == 301
    assert response["Location"] == "https://testserver/explore/"
    assert client.get("/explore/", secure=True).status_code == 200


@pytest.mark.parametrize("path", ["/healthz", "/readyz", "/metrics"])
def test_probes_are_not_redirected_to_https(client, settings, path):
    """Load balancers and Prometheus reach these over plain http inside the network."""
    settings.SECURE_SSL_REDIRECT = True

    response = client.get(path)

    assert not response.get("Location", "").startswith("https://")


def test_cookies_are_http_only_and_same_site(client, alice):
    response = client.post("/accounts/login/", {"username": "alice", "password": "threadly-test-password"})
    client.get("/explore/")

    session = response.cookies["sessionid"]
    assert session["httponly"] is True
    assert session["samesite"] == "Lax"
    csrf = client.cookies["csrftoken"]
    assert csrf["httponly"] is True
    assert csrf["samesite"] == "Lax"


def test_cookies_are_secure_when_configured(client, alice, settings):
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True

    response = client.post("/accounts/login/", {"username": "alice", "password": "threadly-test-password"})

    assert response.cookies["sessionid"]["secure"] is True
    assert response.cookies["csrftoken"]["secure"] is True


def test_htmx_gets_the_csrf_token_from_the_page_not_the_cookie(client, alice):
    """The CSRF cookie is HttpOnly, so the layout hands htmx the token in hx-headers."""
    client.force_login(alice)

    html = client.get("/explore/").text

    assert re.search(r"""<body hx-headers='\{"X-CSRFToken": "[\w-]{32,}"\}'>""", html)


def production_environment(**overrides: str) -> dict[str, str]:
    """What an operator sets; everything else, the security settings among it, keeps its default."""
    environment = {"PATH": os.environ.get("PATH", ""), "LANG": "C.UTF-8"}
    environment.update(
        {
            "DEBUG": "false",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "threadly.example.org",
            "CSRF_TRUSTED_ORIGINS": "https://threadly.example.org",
            "EMAIL_URL": "smtp+tls://threadly:password@smtp.example.org:587",
            "BEHIND_TLS_PROXY": "true",
            "STATIC_MANIFEST": "false",
            # The production shape: a primary and two replicas, each behind PgBouncer in transaction mode.
            "DATABASE_URL": "postgres://threadly:secret@primary.example.org:6432/threadly",
            "DATABASE_REPLICA_URLS": ",".join(
                f"postgres://threadly:secret@replica-{number}.example.org:6432/threadly" for number in (1, 2)
            ),
            "DATABASE_POOL_MODE": "transaction",
            "REDIS_URL": "redis://redis.example.org:6379/0",
        }
    )
    environment.update(overrides)
    return environment


def check_deploy(environment: dict[str, str]) -> subprocess.CompletedProcess:
    """`manage.py check --deploy` in a fresh process: settings are read from the environment at import."""
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_production_settings():
    result = check_deploy(production_environment())

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout, result.stdout + result.stderr
    assert "WARNING" not in result.stderr


def test_check_deploy_catches_production_settings_turned_off():
    """The check is live: it is clean above because of the settings, not because it checks nothing."""
    result = check_deploy(production_environment(SECURE_SSL_REDIRECT="false", SECURE_HSTS_SECONDS="0"))

    assert result.returncode != 0
    assert "security.W004" in result.stderr
    assert "security.W008" in result.stderr


def test_check_deploy_on_loopback_http_names_only_what_plain_http_cannot_have():
    """`make up` serves plain http on loopback for a TLS proxy to front (bin/stack's stack.env, given an
    SMTP EMAIL_URL: without one, mail.E001 adds that emails only reach the log). HTTPS redirects, HSTS
    and secure-only cookies would lock everyone out there, and the check says so. Nothing else is
    reported: the rest of the production settings hold on the stack as they are."""
    loopback_http = production_environment(
        ALLOWED_HOSTS="127.0.0.1,localhost",
        CSRF_TRUSTED_ORIGINS="",
        BEHIND_TLS_PROXY="false",
        SECURE_SSL_REDIRECT="false",
        SECURE_COOKIES="false",
        SECURE_HSTS_SECONDS="0",
    )

    result = check_deploy(loopback_http)

    reported = set(re.findall(r"\((\w+\.[EW]\d+)\)", result.stderr))
    assert reported == {"security.W004", "security.W008", "security.W012", "security.W016"}, result.stderr
