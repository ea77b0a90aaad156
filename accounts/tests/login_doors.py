"""The three ways in (the login page, the admin's login and the API's token endpoint), asked the same way,
for tests that hold them to one login-attempt sequence."""

from django.contrib.auth import SESSION_KEY
from django.urls import reverse
from rest_framework.test import APIClient

DOORS = ("page", "admin", "api")
URLS = {"page": reverse("accounts:login"), "admin": reverse("admin:login"), "api": reverse("api:token")}
WRONG = "not-the-password"


def knock(client, door: str, username, password: str, *, ip: str = "198.51.100.1", **headers):
    """One login attempt through `door`; `client` is a Django test client (an APIClient for the API)."""
    data = {"username": username, "password": password}
    if door == "api":
        api = client if isinstance(client, APIClient) else APIClient()
        return api.post(URLS["api"], data, format="json", REMOTE_ADDR=ip, **headers)
    return client.post(URLS[door], data, REMOTE_ADDR=ip, **headers)


def outcome(client, door: str, response) -> str:
    """One of "in", "refused" (a wrong password, said the usual way) or "paused" (a 429), whatever the door."""
    if response.status_code == 429:
        return "paused"
    if door == "api":
        return "in" if response.status_code == 200 and "access" in response.json() else "refused"
    logged_in = response.status_code == 302 and SESSION_KEY in client.session
    return "in" if logged_in else "refused"


def fail(client, door: str, username: str, *, times: int, ip: str = "198.51.100.1", spread: bool = False) -> None:
    """`times` wrong passwords for `username`, from `ip` (or from as many addresses, when `spread`)."""
    for attempt in range(times):
        address = f"192.0.2.{attempt + 1}" if spread else ip
        response = knock(client, door, username, WRONG, ip=address)
        assert outcome(client, door, response) == "refused", response.status_code
