"""The writes and reads of the OAuth side: registering an app, the apps a person authorised, and
taking that authorisation back."""

from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from oauth2_provider.generators import generate_client_secret
from oauth2_provider.models import AccessToken, Application

from accounts.models import User
from accounts.tokens import app_tokens_end
from mastodon_api import scopes
from mastodon_api.models import ClientApp

OOB = "urn:ietf:wg:oauth:2.0:oob"
# Schemes a redirect may never use, whatever an app registers: they would run or read in the browser.
UNSAFE_SCHEMES = frozenset({"javascript", "data", "vbscript", "file", "blob", "about"})


def redirect_uri_problem(uri: str) -> str | None:
    """Why `uri` cannot be an app's redirect URI, or None. Apps use https, http on a loopback,
    their own scheme (`myapp://callback`) and the out-of-band URN."""
    if uri == OOB:
        return None
    parts = urlsplit(uri)
    if not parts.scheme or parts.scheme.lower() in UNSAFE_SCHEMES:
        return f"{uri!r} is not a redirect URI an app can receive"
    if "#" in uri:
        return f"{uri!r} has a fragment"
    if parts.scheme in {"http", "https"} and not parts.netloc:
        return f"{uri!r} has no host"
    if parts.scheme not in {"http", "https"} and not (parts.netloc or parts.path):
        return f"{uri!r} names no place in the app"
    return None


@transaction.atomic
def application_register(
    *, name: str, redirect_uris: list[str], scope_text: str, website: str = ""
) -> tuple[Application, str]:
    """Register a Mastodon app: a confidential DOT Application for the authorization code (and its
    own client-credentials token) with its ClientApp. Returns it with the plaintext client secret,
    which is stored hashed and never shown again."""
    name = name.strip()
    if not name:
        raise ValidationError("client_name can't be blank")
    if len(name) > 255:
        raise ValidationError("client_name is too long (maximum is 255 characters)")
    uris = [uri.strip() for uri in redirect_uris if uri.strip()]
    if not uris:
        raise ValidationError("redirect_uris can't be blank")
    for uri in uris:
        problem = redirect_uri_problem(uri)
        if problem:
            raise ValidationError(f"redirect_uris {problem}")
    requested = scopes.parse(scope_text) or set(scopes.DEFAULT_SCOPES)
    unknown = scopes.unknown(requested)
    if unknown:
        raise ValidationError(f"scopes {' '.join(sorted(unknown))} are not known")
    if website:
        URLValidator(message="website is not a valid URL")(website)
    secret = generate_client_secret()
    application = Application.objects.create(
        name=name,
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris=" ".join(uris),
        client_secret=secret,
        hash_client_secret=True,
    )
    ordered = [scope for scope in scopes.SCOPES if scope in requested]
    ClientApp.objects.create(application=application, website=website, scopes=" ".join(ordered))
    return application, secret


@dataclass
class Authorisation:
    """An app a person authorised: what it may do and since when."""

    application: Application
    scopes: list[str] = field(default_factory=list)
    since: datetime | None = None


def authorisations_of(user: User) -> list[Authorisation]:
    """The apps `user` gave a token to, the most recently authorised first, with the scopes of all
    their tokens. One query whatever the number of apps. (When each was last used is not kept: DOT
    writes nothing when a token is used, and a write per API request would cost more than it tells.)"""
    tokens = (
        AccessToken.objects.filter(user=user)
        .select_related("application__client_app")
        .order_by("created")
        .only("scope", "created", "application__name", "application__client_app__website")
    )
    found: dict[int, Authorisation] = {}
    for token in tokens:
        first = Authorisation(application=token.application, since=token.created)
        entry = found.setdefault(token.application_id, first)
        entry.scopes = [s for s in scopes.SCOPES if s in set(entry.scopes) | scopes.parse(token.scope)]
    return sorted(found.values(), key=lambda entry: entry.since, reverse=True)


def authorisation_revoke(*, user: User, application_id: int) -> None:
    """Take back what `user` gave one app: its tokens for them stop working at once."""
    app_tokens_end(user=user, application_id=application_id)
