"""The instance documents clients read before anyone logs in: Mastodon's v1 and v2 Instance, NodeInfo,
and the empty lists of what Threadly lacks; no token needed, counts cached."""

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from posts.services import post_create

pytestmark = pytest.mark.django_db

# https://docs.joinmastodon.org/entities/V1_Instance/
INSTANCE_V1_FIELDS = {
    "uri",
    "title",
    "short_description",
    "description",
    "email",
    "version",
    "urls",
    "stats",
    "thumbnail",
    "languages",
    "registrations",
    "approval_required",
    "invites_enabled",
    "configuration",
    "contact_account",
    "rules",
}
# https://docs.joinmastodon.org/entities/Instance/
INSTANCE_V2_FIELDS = {
    "domain",
    "title",
    "version",
    "source_url",
    "description",
    "usage",
    "thumbnail",
    "icon",
    "languages",
    "configuration",
    "registrations",
    "api_versions",
    "contact",
    "rules",
}
CONFIGURATION_V2_FIELDS = {"urls", "vapid", "accounts", "statuses", "media_attachments", "polls", "translation"}
NODEINFO_FIELDS = {"version", "software", "protocols", "services", "usage", "openRegistrations", "metadata"}


@pytest.fixture
def anonymous():
    return APIClient()


def test_instance_v1_has_mastodons_fields_and_threadlys_limits(anonymous, alice, bob, settings):
    post_create(author=alice, body="Hello")
    answer = anonymous.get("/api/v1/instance")

    assert answer.status_code == 200
    body = answer.json()
    assert body.keys() >= INSTANCE_V1_FIELDS
    assert body["version"].startswith("4.3.0 (compatible; Threadly ")
    assert body["stats"] == {"user_count": 2, "status_count": 1, "domain_count": 1}
    assert body["urls"]["streaming_api"].startswith("wss://")
    statuses = body["configuration"]["statuses"]
    assert statuses["max_characters"] == settings.POST_MAX_LENGTH
    assert statuses["max_media_attachments"] == settings.POST_MAX_IMAGES
    assert "characters_reserved_per_url" in statuses
    media = body["configuration"]["media_attachments"]
    assert media["image_size_limit"] == settings.IMAGE_MAX_BYTES
    assert media["image_matrix_limit"] == settings.IMAGE_MAX_PIXELS
    assert "image/png" in media["supported_mime_types"]
    assert body["configuration"]["polls"].keys() >= {"max_options", "max_expiration"}
    assert body["rules"] == [] and body["registrations"] is True


@pytest.mark.parametrize("url", ["/api/v1/instance/", "/api/v2/instance/"])
def test_the_instance_answers_with_a_trailing_slash_as_mastodon_py_asks(anonymous, url):
    assert anonymous.get(url).json()["version"].startswith("4.3.0")


def test_instance_v2_has_mastodons_fields(anonymous, alice):
    body = anonymous.get("/api/v2/instance").json()

    assert body.keys() >= INSTANCE_V2_FIELDS
    assert body["configuration"].keys() >= CONFIGURATION_V2_FIELDS
    assert body["configuration"]["translation"] == {"enabled": False}
    assert body["registrations"].keys() >= {"enabled", "approval_required", "message"}
    assert body["contact"].keys() >= {"email", "account"}
    assert body["usage"]["users"].keys() == {"active_month"}
    assert body["thumbnail"]["url"].startswith("http")
    assert body["api_versions"] == {"mastodon": 2}


def test_the_counts_are_cached_so_a_second_read_asks_the_database_nothing(anonymous, alice, django_assert_num_queries):
    cache.clear()
    anonymous.get("/api/v1/instance")
    with django_assert_num_queries(0):
        assert anonymous.get("/api/v1/instance").status_code == 200
        assert anonymous.get("/api/v2/instance").status_code == 200


@pytest.mark.parametrize(
    "url", ["/api/v1/instance/peers", "/api/v1/instance/activity", "/api/v1/instance/rules", "/api/v1/custom_emojis"]
)
def test_what_threadly_lacks_is_an_empty_list(anonymous, url):
    answer = anonymous.get(url)
    assert answer.status_code == 200 and answer.json() == []


def test_nodeinfo_is_linked_from_the_well_known_document(anonymous, alice):
    links = anonymous.get("/.well-known/nodeinfo").json()["links"]
    assert links[0]["rel"] == "http://nodeinfo.diaspora.software/ns/schema/2.0"

    body = anonymous.get(links[0]["href"]).json()

    assert body.keys() >= NODEINFO_FIELDS
    assert body["software"]["name"] == "threadly" and body["protocols"] == []
    assert body["usage"]["users"]["total"] == 1 and body["openRegistrations"] is True


def test_a_token_is_optional_but_a_bad_one_is_refused(mastodon_as, alice):
    assert mastodon_as(alice, "read").get("/api/v2/instance").status_code == 200
    stranger = APIClient()
    stranger.credentials(HTTP_AUTHORIZATION="Bearer not-a-token")
    assert stranger.get("/api/v1/instance").status_code == 401
