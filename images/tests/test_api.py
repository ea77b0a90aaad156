"""The images API through its URLs: upload (202, then ready), read, describe, and its refusals."""

import pytest
from django.urls import reverse

from images.factories import ImageFactory
from images.models import Image
from images.tests.pictures import SVG, jpeg_with_gps_rotated, picture, png_declaring, uploaded

pytestmark = pytest.mark.django_db

IMAGES_URL = reverse("api:image-list")


def detail_url(image_id: int) -> str:
    return reverse("api:image-detail", kwargs={"image_id": image_id})


def post_image(client, data: bytes, name: str = "picture.png", **fields):
    return client.post(IMAGES_URL, {"file": uploaded(data, name=name), **fields}, format="multipart")


def test_an_upload_is_accepted_processed_and_then_shown_ready(api_as, alice, django_capture_on_commit_callbacks):
    client = api_as(alice)
    with django_capture_on_commit_callbacks(execute=True):
        response = post_image(client, jpeg_with_gps_rotated(), name="me.jpg", alt_text="A red and blue flag")

    assert response.status_code == 202
    body = response.json()
    assert body["state"] == "processing" and body["url"] is None and body["alt_text"] == "A red and blue flag"
    assert response["Location"] == f"http://testserver{detail_url(body['id'])}"

    shown = client.get(detail_url(body["id"])).json()
    image = Image.objects.get(pk=body["id"])
    assert shown["state"] == "ready" and shown["purpose"] == "post"
    assert shown["url"] == f"http://testserver/media/{image.file.name}"
    assert shown["thumbnail_url"] == f"http://testserver/media/{image.thumbnail.name}"
    assert (shown["width"], shown["height"]) == (80, 120)
    assert shown["blurhash"] == image.blurhash != ""


@pytest.mark.parametrize(
    ("data", "name", "status", "code"),
    [
        (b"plain words", "notes.jpg", 415, "unsupported_image"),
        (SVG, "drawing.svg", 415, "unsupported_image"),
        (png_declaring(50_000, 50_000), "bomb.png", 400, "validation_error"),
        (picture(50, 50, "JPEG")[:-100], "cut.jpg", 400, "validation_error"),
    ],
    ids=["text", "svg", "bomb", "truncated"],
)
def test_what_is_not_an_acceptable_image_gets_a_clear_error(api_as, alice, data, name, status, code):
    response = post_image(api_as(alice), data, name=name)

    assert response.status_code == status
    error = response.json()["error"]
    assert error["code"] == code and error["message"]
    assert not Image.objects.exists()


def test_a_file_over_the_limit_is_a_413(api_as, alice, settings):
    settings.IMAGE_MAX_BYTES = 2000
    response = post_image(api_as(alice), picture(40, 40, "PNG", compress_level=0))

    assert response.status_code == 413
    assert response.json()["error"]["code"] == "too_large"


def test_a_body_past_the_multipart_limit_is_refused_unread(api_as, alice, settings):
    settings.IMAGE_MAX_BYTES = 1000
    response = post_image(api_as(alice), picture(400, 400, "PNG", compress_level=0))

    assert response.status_code == 413 and response.json()["error"]["code"] == "payload_too_large"


def test_an_upload_needs_a_login_and_a_file(api_client, api_as, alice):
    assert post_image(api_client, picture()).status_code == 401
    response = api_as(alice).post(IMAGES_URL, {"alt_text": "nothing"}, format="multipart")
    assert response.status_code == 400 and "file" in response.json()["error"]["fields"]


def test_an_unattached_image_is_its_uploaders_alone(api_as, api_client, alice, bob):
    image = ImageFactory(uploader=alice)

    assert api_as(alice).get(detail_url(image.pk)).status_code == 200
    assert api_as(bob).get(detail_url(image.pk)).status_code == 404
    assert api_client.get(detail_url(image.pk)).status_code == 404
    assert api_as(bob).patch(detail_url(image.pk), {"alt_text": "mine now"}, format="json").status_code == 404


def test_the_uploader_describes_their_image(api_as, alice):
    image = ImageFactory(uploader=alice, alt_text="")
    response = api_as(alice).patch(detail_url(image.pk), {"alt_text": "  A cat asleep on a keyboard  "}, format="json")

    assert response.status_code == 200 and response.json()["alt_text"] == "A cat asleep on a keyboard"
    image.refresh_from_db()
    assert image.alt_text == "A cat asleep on a keyboard"
    too_long = api_as(alice).patch(detail_url(image.pk), {"alt_text": "a" * 1501}, format="json")
    assert too_long.status_code == 400 and "alt_text" in too_long.json()["error"]["fields"]


def test_an_upload_larger_than_djangos_memory_limit_with_an_idempotency_key_is_taken_once(api_as, alice, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    data = picture(200, 200, "PNG", compress_level=0)
    assert len(data) > 1000
    client = api_as(alice)

    first = client.post(IMAGES_URL, {"file": uploaded(data)}, format="multipart", HTTP_IDEMPOTENCY_KEY="img-1")
    again = client.post(IMAGES_URL, {"file": uploaded(data)}, format="multipart", HTTP_IDEMPOTENCY_KEY="img-1")
    other = client.post(
        IMAGES_URL, {"file": uploaded(picture(20, 20))}, format="multipart", HTTP_IDEMPOTENCY_KEY="img-1"
    )

    assert first.status_code == again.status_code == 202
    assert again.json()["id"] == first.json()["id"] and again["Idempotent-Replayed"] == "true"
    assert other.status_code == 422
    assert Image.objects.count() == 1
