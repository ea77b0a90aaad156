"""Real Mastodon apps from PyPI (Mastodon.py, toot) against pytest-django's live server: real HTTP on
127.0.0.1 in a thread of this process, the database shared by transaction (so the tests can check
the rows the apps' requests wrote), media tasks run eagerly (root conftest) and served from the
test's MEDIA_ROOT."""

import hashlib

import pytest

from images.tests.pictures import picture
from tests.clients.pages import PASSWORD


@pytest.fixture
def server(live_server, settings) -> str:
    """The live server's base URL; its URLs also serve media files, as a web server does in production."""
    settings.ROOT_URLCONF = "tests.browser.media_urls"
    return live_server.url


@pytest.fixture
def person(transactional_db):
    """`person(username)`: an account with a password, to log in on the site's own login page."""
    from accounts.services import user_create

    def make(username: str):
        return user_create(
            username=username, email=f"{username}@example.com", password=PASSWORD, display_name=username.title()
        )

    return make


@pytest.fixture
def photo(tmp_path):
    """A real PNG on disk, as an app picks a file to upload."""
    path = tmp_path / "harbour.png"
    path.write_bytes(picture(320, 200))
    return path


@pytest.fixture
def stored_token():
    """`stored_token(raw)`: the AccessToken row an app's token is, found as the server finds it (tokens
    are kept hashed, RFC 9700: only their SHA-256 checksum is looked up)."""
    from oauth2_provider.models import AccessToken

    def find(raw: str) -> AccessToken | None:
        checksum = hashlib.sha256(raw.encode()).hexdigest()
        return AccessToken.objects.filter(token_checksum=checksum).select_related("application", "user").first()

    return find
