"""django-oauth-toolkit reads the scope list when it checks a token; the oauth part fills it from
mastodon_api.scopes when the app starts. Tests of other parts import this autouse fixture so that
their tokens are checked the same way with or without that part."""

import pytest

from mastodon_api import scopes


@pytest.fixture(autouse=True)
def oauth_scopes(settings):
    settings.OAUTH2_PROVIDER = {**settings.OAUTH2_PROVIDER, "SCOPES": scopes.SCOPES}
