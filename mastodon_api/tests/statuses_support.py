"""What the statuses tests share: the OAuth scopes DOT checks stored tokens against, and pictures.

`oauth_scopes` gives django-oauth-toolkit Mastodon's scope list, which the oauth part fills in
OAUTH2_PROVIDER; on a branch without it DOT refuses every token. Imported by each statuses test
module, it applies there alone (autouse).
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from images.tests.pictures import picture
from mastodon_api.scopes import SCOPES


@pytest.fixture(autouse=True)
def oauth_scopes(settings):
    settings.OAUTH2_PROVIDER = {**settings.OAUTH2_PROVIDER, "SCOPES": SCOPES}


def png_upload(name: str = "photo.png", width: int = 120, height: int = 80) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, picture(width, height), content_type="image/png")


def header_ids(link: str) -> dict[str, str]:
    """{rel: the max_id or min_id it carries} from a Link header."""
    found = {}
    for part in link.split(", "):
        url, rel = part.split("; ")
        query = url.strip("<>").split("?", 1)[1]
        bound = dict(item.split("=", 1) for item in query.split("&"))
        found[rel.split('"')[1]] = bound.get("max_id") or bound.get("min_id")
    return found
