"""Mastodon.py as a script author uses it: register an app, send the person to the authorisation URL,
take the code the site hands back, trade it for a token."""

import time
from dataclasses import dataclass

from mastodon import Mastodon

from tests.clients.pages import PASSWORD, consent, redirected_query

# A web app's callback: the browser is sent there with ?code=…&state=…; nothing needs to listen.
REDIRECT_URI = "https://app.example/callback"
SCOPES = ["read", "write", "follow", "push"]


@dataclass
class Registered:
    client_id: str
    client_secret: str


def register(server: str, name: str = "Harbour script") -> Registered:
    client_id, client_secret = Mastodon.create_app(
        name, scopes=SCOPES, redirect_uris=REDIRECT_URI, website="https://app.example", api_base_url=server
    )
    return Registered(client_id, client_secret)


def client(server: str, app: Registered, access_token: str | None = None) -> Mastodon:
    # "throw": a rate limit is a failure here, never a silent wait. "created": the library reads the
    # instance's version first (GET /api/v1/instance/ and /api/v2/instance/) and refuses any method
    # newer than it; that version also picks media and search v2 and dismissing by path.
    return Mastodon(
        client_id=app.client_id,
        client_secret=app.client_secret,
        access_token=access_token,
        api_base_url=server,
        ratelimit_method="throw",
        version_check_mode="created",
        request_timeout=30,
    )


def log_in(server: str, app: Registered, username: str) -> Mastodon:
    """The authorization-code flow, approved by `username` on the consent page."""
    mastodon = client(server, app)
    url = mastodon.auth_request_url(redirect_uris=REDIRECT_URI, scopes=SCOPES, state="s-42", allow_http=True)
    back = redirected_query(consent(url, username, PASSWORD))
    assert back["state"] == "s-42"
    mastodon.log_in(code=back["code"], redirect_uri=REDIRECT_URI, scopes=SCOPES, allow_http=True)
    return mastodon


def processed(mastodon: Mastodon, media, seconds: float = 10.0):
    """The attachment once its URL is there: POST /api/v2/media may answer before processing ends."""
    deadline = time.monotonic() + seconds
    while media.url is None and time.monotonic() < deadline:
        time.sleep(0.2)
        media = mastodon.media(media)
    assert media.url, "the picture was not processed"
    return media
