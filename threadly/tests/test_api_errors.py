"""Every error under /api/ answers with one JSON envelope, while the site's pages keep their HTML errors."""

import io
import json
import random

import pytest
from django.urls import reverse
from PIL import Image

from posts.factories import PostFactory
from posts.models import Post
from threadly.api.middleware import MULTIPART_OVERHEAD_BYTES

pytestmark = pytest.mark.django_db

POSTS_URL = reverse("api:post-list")
PUBLIC_POSTS_URL = reverse("api:post-public")
ME_URL = reverse("api:me")
AVATAR_URL = reverse("api:me-avatar")
HUGE_ID = "99999999999999999999999"


def post_url(post_id: int) -> str:
    return reverse("api:post-detail", kwargs={"post_id": post_id})


def assert_envelope(response, *, status: int, code: str) -> dict:
    """The response is the error envelope with this status and code; returns the inner error."""
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    body = json.loads(response.content)
    assert set(body) == {"error"}
    error = body["error"]
    assert set(error) == {"code", "message", "fields"}
    assert error["code"] == code
    assert isinstance(error["message"], str) and error["message"]
    assert isinstance(error["fields"], dict)
    return error


def noise_png(side: int) -> bytes:
    """A PNG of random pixels: it does not compress, so its size is about 3 * side * side bytes."""
    image = Image.frombytes("RGB", (side, side), random.Random(side).randbytes(3 * side * side))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def avatar_upload(content: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("avatar.png", content, content_type="image/png")


# 404


def test_an_unknown_api_address_is_a_json_404(api_client):
    response = api_client.get("/api/threadly/v1/no/such/thing")

    error = assert_envelope(response, status=404, code="not_found")
    assert error["fields"] == {}


def test_an_unknown_api_address_is_a_json_404_under_debug_too(api_client, settings):
    settings.DEBUG = True

    response = api_client.get("/api/threadly/v1/no/such/thing")

    assert_envelope(response, status=404, code="not_found")


def test_an_unknown_api_address_with_a_trailing_slash_is_a_json_404_not_a_redirect(api_client):
    response = api_client.get("/api/threadly/v1/posts/")

    assert_envelope(response, status=404, code="not_found")


def test_an_unknown_page_outside_the_api_is_still_the_html_404_page(client):
    response = client.get("/no/such/page/")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
    assert "404.html" in [template.name for template in response.templates]


def test_a_missing_post_is_a_json_404(api_client):
    response = api_client.get(post_url(999_999_999_999_999_999))

    assert_envelope(response, status=404, code="not_found")


def test_a_missing_user_is_a_json_404(api_client):
    response = api_client.get(reverse("api:user-detail", kwargs={"username": "nobody_here"}))

    assert_envelope(response, status=404, code="not_found")


def test_a_post_id_too_big_for_the_database_is_a_json_404(api_client):
    response = api_client.get(f"/api/threadly/v1/posts/{HUGE_ID}")

    assert_envelope(response, status=404, code="not_found")


def test_a_post_id_too_big_for_the_database_is_a_404_page_on_the_site(client):
    response = client.get(f"/posts/{HUGE_ID}/")

    assert response.status_code == 404
    assert "404.html" in [template.name for template in response.templates]


# 405, 415, 400


def test_a_method_the_endpoint_does_not_have_is_a_405(api_as, alice):
    response = api_as(alice).put(POSTS_URL, {"body": "hello"}, format="json")

    assert_envelope(response, status=405, code="method_not_allowed")
    assert "POST" in response["Allow"]
    assert not Post.objects.exists()


def test_a_body_that_is_not_json_is_a_415(api_as, alice):
    response = api_as(alice).post(POSTS_URL, "body=hello", content_type="text/plain")

    assert_envelope(response, status=415, code="unsupported_media_type")
    assert not Post.objects.exists()


def test_malformed_json_is_a_400_parse_error(api_as, alice):
    response = api_as(alice).post(POSTS_URL, '{"body": "hello"', content_type="application/json")

    assert_envelope(response, status=400, code="parse_error")
    assert not Post.objects.exists()


def test_invalid_input_is_a_validation_error_naming_each_field(api_as, alice):
    response = api_as(alice).post(POSTS_URL, {"body": "x" * 281, "visibility": "everyone"}, format="json")

    error = assert_envelope(response, status=400, code="validation_error")
    assert set(error["fields"]) == {"body", "visibility"}
    assert all(isinstance(message, str) for messages in error["fields"].values() for message in messages)
    assert error["message"] in error["fields"]["body"] + error["fields"]["visibility"]
    assert not Post.objects.exists()


@pytest.mark.parametrize("page_size", ["0", "101", "two"])
def test_a_bad_page_size_is_a_validation_error(api_client, page_size):
    response = api_client.get(PUBLIC_POSTS_URL, {"page_size": page_size})

    error = assert_envelope(response, status=400, code="validation_error")
    assert list(error["fields"]) == ["page_size"]


def test_a_forged_cursor_is_a_validation_error(api_client):
    response = api_client.get(PUBLIC_POSTS_URL, {"cursor": "not-a-cursor"})

    error = assert_envelope(response, status=400, code="validation_error")
    assert list(error["fields"]) == ["cursor"]


def test_a_disallowed_host_is_a_json_400(api_client):
    response = api_client.get(PUBLIC_POSTS_URL, HTTP_HOST="evil.example")

    assert_envelope(response, status=400, code="bad_request")


def test_asking_for_something_other_than_json_is_a_406(api_client):
    response = api_client.get(PUBLIC_POSTS_URL, HTTP_ACCEPT="text/html")

    assert_envelope(response, status=406, code="not_acceptable")


# 401, 403


def test_writing_without_credentials_is_a_401_with_www_authenticate(api_client):
    response = api_client.post(POSTS_URL, {"body": "hello"}, format="json")

    assert_envelope(response, status=401, code="not_authenticated")
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert not Post.objects.exists()


def test_a_bad_token_is_a_401_in_the_envelope(api_client):
    api_client.credentials(HTTP_AUTHORIZATION="Bearer not.a.token")

    response = api_client.get(ME_URL)

    error = assert_envelope(response, status=401, code="token_not_valid")
    assert error["fields"] == {}
    assert "WWW-Authenticate" in response


def test_editing_someone_elses_post_is_a_403(api_as, alice, bob):
    post = PostFactory(author=alice, body="mine")

    response = api_as(bob).patch(post_url(post.pk), {"body": "yours now"}, format="json")

    assert_envelope(response, status=403, code="permission_denied")
    post.refresh_from_db()
    assert post.body == "mine"


# 413


def test_a_body_over_the_api_limit_is_a_413_and_creates_nothing(api_as, alice, settings):
    payload = json.dumps({"body": "x" * settings.API_MAX_BODY_BYTES})

    response = api_as(alice).post(POSTS_URL, payload, content_type="application/json")

    assert len(payload) > settings.API_MAX_BODY_BYTES
    assert_envelope(response, status=413, code="payload_too_large")
    assert not Post.objects.exists()


def test_the_body_limit_follows_the_setting(api_as, alice, settings):
    settings.API_MAX_BODY_BYTES = 20
    client = api_as(alice)

    refused = client.post(POSTS_URL, {"body": "twenty-one characters"}, format="json")
    accepted = client.post(POSTS_URL, {"body": "hi"}, format="json")

    assert_envelope(refused, status=413, code="payload_too_large")
    assert accepted.status_code == 201
    assert list(Post.objects.values_list("body", flat=True)) == ["hi"]


def test_an_avatar_upload_bigger_than_a_json_body_but_within_the_image_limit_is_accepted(api_as, alice, settings):
    content = noise_png(200)
    assert settings.API_MAX_BODY_BYTES < len(content) <= settings.IMAGE_MAX_BYTES

    response = api_as(alice).put(AVATAR_URL, {"avatar": avatar_upload(content)}, format="multipart")

    assert response.status_code == 200, response.content
    alice.refresh_from_db()
    assert alice.avatar_image is not None


def test_a_multipart_body_over_the_image_limit_is_a_413(api_as, alice, settings):
    settings.IMAGE_MAX_BYTES = 1024
    content = noise_png(200)
    assert len(content) > settings.IMAGE_MAX_BYTES + MULTIPART_OVERHEAD_BYTES

    response = api_as(alice).put(AVATAR_URL, {"avatar": avatar_upload(content)}, format="multipart")

    assert_envelope(response, status=413, code="payload_too_large")
    alice.refresh_from_db()
    assert alice.avatar_image is None


def test_a_body_django_will_not_buffer_is_a_413_too(api_as, alice, settings):
    """An Idempotency-Key makes the body be read whole; Django refuses past DATA_UPLOAD_MAX_MEMORY_SIZE."""
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100

    response = api_as(alice).post(POSTS_URL, {"body": "y" * 200}, format="json", HTTP_IDEMPOTENCY_KEY="k1")

    assert_envelope(response, status=413, code="payload_too_large")
    assert not Post.objects.exists()


# 500


def explode(*args, **kwargs):
    raise RuntimeError("boom")


def test_an_unexpected_error_in_an_api_view_is_a_json_500(api_client, monkeypatch):
    monkeypatch.setattr("posts.policy.explore_posts", explode)
    api_client.raise_request_exception = False

    response = api_client.get(PUBLIC_POSTS_URL)

    error = assert_envelope(response, status=500, code="server_error")
    assert "boom" not in response.content.decode()
    assert error["fields"] == {}


def test_an_unexpected_error_in_a_page_is_still_the_html_500_page(client, monkeypatch):
    post = PostFactory()
    monkeypatch.setattr("posts.policy.post_for_viewer", explode)
    client.raise_request_exception = False

    response = client.get(f"/posts/{post.pk}/")

    assert response.status_code == 500
    assert response["Content-Type"].startswith("text/html")
    assert "500.html" in [template.name for template in response.templates]
