"""Mastodon's Application and CredentialApplication entities."""

from oauth2_provider.models import Application

from mastodon_api import scopes
from mastodon_api.oauth.backends import registered_scopes

# Threadly has no Web Push: an empty VAPID key, as Mastodon's entity keeps the field.
VAPID_KEY = ""


def application(app: Application) -> dict:
    client_app = getattr(app, "client_app", None)
    granted = registered_scopes(app)
    redirect_uris = app.redirect_uris.split()
    return {
        "id": str(app.pk),
        "name": app.name,
        "website": (client_app.website or None) if client_app else None,
        "scopes": [scope for scope in scopes.SCOPES if scope in granted],
        "redirect_uri": "\n".join(redirect_uris),
        "redirect_uris": redirect_uris,
        "vapid_key": VAPID_KEY,
    }


def credential_application(app: Application, client_secret: str) -> dict:
    """The entity answered once, at registration: with the client's id and plaintext secret."""
    return {
        **application(app),
        "client_id": app.client_id,
        "client_secret": client_secret,
        "client_secret_expires_at": 0,
    }


def threadly_login() -> dict:
    """What `verify_credentials` answers for a Threadly JWT: the site's own sign-in, with every scope."""
    return {
        "id": "0",
        "name": "Threadly",
        "website": None,
        "scopes": ["read", "write", "follow", "push"],
        "redirect_uri": "",
        "redirect_uris": [],
        "vapid_key": VAPID_KEY,
    }
