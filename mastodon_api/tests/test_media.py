"""Media uploads as Mastodon's apps make them: a real picture processed by the media task, its alt
text, the attachment's states, and a status carrying it behind a content warning."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from images.factories import ImageFactory
from images.models import Image
from images.tests.pictures import picture
from mastodon_api.tests.statuses_support import png_upload
from posts.services import post_create

pytestmark = pytest.mark.django_db

# https://docs.joinmastodon.org/entities/MediaAttachment/
MEDIA_FIELDS = {"id", "type", "url", "preview_url", "remote_url", "meta", "description", "blurhash"}


def test_a_v2_upload_is_accepted_then_processed_described_and_posted(
    mastodon_as, alice, bob, django_capture_on_commit_callbacks
):
    client = mastodon_as(alice)
    with django_capture_on_commit_callbacks(execute=True):
        accepted = client.post("/api/v2/media", {"file": png_upload(), "description": "Red and blue"})
        assert accepted.status_code == 202
        media = accepted.json()
        assert media.keys() >= MEDIA_FIELDS and media["url"] is None and media["type"] == "image"
        assert client.get(f"/api/v1/media/{media['id']}").status_code == 206

    ready = client.get(f"/api/v1/media/{media['id']}")
    assert ready.status_code == 200
    assert ready.json()["url"].startswith("http://testserver/") and ready.json()["preview_url"]
    assert ready.json()["meta"]["original"]["width"] == 120 and ready.json()["description"] == "Red and blue"

    described = client.put(f"/api/v1/media/{media['id']}", {"description": "Two colours, side by side"})
    assert described.status_code == 200 and described.json()["description"] == "Two colours, side by side"

    body = {"status": "Look", "media_ids[]": [media["id"]], "spoiler_text": "Bright colours"}
    status = client.post("/api/v1/statuses", body).json()
    assert status["spoiler_text"] == "Bright colours" and status["sensitive"] is True
    assert [item["id"] for item in status["media_attachments"]] == [media["id"]]
    assert status["media_attachments"][0] == client.get(f"/api/v1/media/{media['id']}").json()

    client.put(f"/api/v1/media/{media['id']}", {"description": "Now described again"}, format="json")
    seen = mastodon_as(bob).get(f"/api/v1/statuses/{status['id']}").json()
    assert seen["media_attachments"][0]["description"] == "Now described again"


def test_a_v1_upload_answers_200_with_a_jpeg(mastodon_as, alice):
    upload = SimpleUploadedFile("photo.jpg", picture(80, 60, image_format="JPEG"), content_type="image/jpeg")

    response = mastodon_as(alice).post("/api/v1/media", {"file": upload})

    assert response.status_code == 200 and response.json().keys() >= MEDIA_FIELDS
    assert Image.objects.get(pk=int(response.json()["id"])).uploader == alice


@pytest.mark.django_db(transaction=True)
def test_a_v2_upload_processed_at_once_answers_200(token_for, alice):
    from rest_framework.test import APIClient

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token_for(alice).token}")

    response = client.post("/api/v2/media", {"file": png_upload()})

    assert response.status_code == 200 and response.json()["url"] is not None


def test_bad_files_are_refused_with_the_services_words(mastodon_as, alice, settings):
    client = mastodon_as(alice)
    text = SimpleUploadedFile("notes.png", b"not a picture at all", content_type="image/png")

    refused = client.post("/api/v2/media", {"file": text})
    assert refused.status_code == 422 and refused.json()["error"].startswith("Validation failed: ")
    assert client.post("/api/v2/media", {"description": "no file"}).status_code == 422

    settings.IMAGE_MAX_BYTES = 100
    too_big = client.post("/api/v2/media", {"file": png_upload()})
    assert too_big.status_code == 413 and "too large" in too_big.json()["error"]
    assert not Image.objects.exists()


def test_anothers_media_is_not_found_and_a_failed_one_a_422(mastodon_as, alice, bob):
    theirs = ImageFactory(uploader=bob)
    failed = ImageFactory(uploader=alice, state=Image.State.FAILED, failure="The picture is damaged.")
    client = mastodon_as(alice)

    assert client.get(f"/api/v1/media/{theirs.pk}").status_code == 404
    assert client.put(f"/api/v1/media/{theirs.pk}", {"description": "mine?"}).status_code == 404
    assert Image.objects.get(pk=theirs.pk).alt_text == theirs.alt_text
    assert client.get(f"/api/v1/media/{failed.pk}").json() == {"error": "The picture is damaged."}


def test_media_needs_write_media(mastodon_as, alice):
    assert mastodon_as(alice, scope="read").post("/api/v2/media", {"file": png_upload()}).status_code == 403
    assert mastodon_as(alice, scope="write:media").post("/api/v2/media", {"file": png_upload()}).status_code == 202


def test_someone_elses_upload_cannot_be_attached(mastodon_as, alice, bob):
    theirs = ImageFactory(uploader=bob)

    response = mastodon_as(alice).post("/api/v1/statuses", {"status": "Mine", "media_ids[]": [str(theirs.pk)]})

    assert response.status_code == 422 and "error" in response.json()


def test_an_attached_picture_shows_on_the_status(mastodon_as, alice):
    image = ImageFactory(uploader=alice, alt_text="A square")
    post = post_create(author=alice, body="", image_ids=[image.pk])

    status = mastodon_as(alice).get(f"/api/v1/statuses/{post.pk}").json()

    assert status["media_attachments"][0]["description"] == "A square"
    assert status["media_attachments"][0].keys() >= MEDIA_FIELDS
