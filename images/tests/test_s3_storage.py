"""Images in S3-compatible object storage: moto's real S3 server on loopback, reached over HTTP by
django-storages and boto3 exactly as a deployment's bucket would be."""

import io
import urllib.request

import environ
import pytest
from PIL import Image as PILImage

from images.models import Image
from images.tests.pictures import GPS_IFD, jpeg_with_gps_rotated
from images.tests.test_processing import upload_and_process
from threadly import storage_settings

pytestmark = [pytest.mark.s3, pytest.mark.django_db]


@pytest.fixture
def s3_storage(s3_environment, settings):
    """STORAGES as threadly/settings.py builds them from that environment."""
    settings.STORAGES = storage_settings.storages(
        environ.Env(), static_backend=settings.STORAGES["staticfiles"]["BACKEND"]
    )
    return s3_environment


def fetched(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=10) as response:
        assert response.status == 200
        return response.read()


def test_an_image_is_processed_into_the_bucket_and_served_from_it_stripped(
    s3_storage, alice, django_capture_on_commit_callbacks
):
    client, bucket = s3_storage
    image = upload_and_process(
        django_capture_on_commit_callbacks, alice, jpeg_with_gps_rotated(), name="me.jpg", content_type="image/jpeg"
    )

    assert image.state == Image.State.READY
    assert image.file.url.startswith(
        f"{storage_settings.public_url(environ.Env(), endpoint=client.meta.endpoint_url, bucket=bucket)}/images/"
    )
    served = fetched(image.file.url)
    picture = PILImage.open(io.BytesIO(served))
    assert picture.format == "JPEG" and picture.size == (80, 120)
    assert dict(picture.getexif()) == {} and not picture.getexif().get_ifd(GPS_IFD)
    assert b"Phone Camera" not in served
    assert PILImage.open(io.BytesIO(fetched(image.thumbnail.url))).format == "JPEG"
    # The upload (with its GPS) is gone from the bucket; only the clean picture and thumbnail remain.
    keys = {item["Key"] for item in client.list_objects_v2(Bucket=bucket)["Contents"]}
    assert keys == {image.file.name, image.thumbnail.name}


def test_the_public_address_of_the_bucket_is_allowed_in_img_src(monkeypatch):
    monkeypatch.setenv("S3_BUCKET", "pictures")
    monkeypatch.setenv("S3_PUBLIC_URL", "https://cdn.example.org/threadly")

    assert storage_settings.media_origins(environ.Env()) == ["https://cdn.example.org"]
    options = storage_settings.storages(environ.Env(), static_backend="x")["default"]["OPTIONS"]
    assert options["custom_domain"] == "cdn.example.org/threadly" and options["url_protocol"] == "https:"
    monkeypatch.delenv("S3_PUBLIC_URL")
    monkeypatch.setenv("S3_REGION", "eu-west-1")
    assert storage_settings.media_origins(environ.Env()) == ["https://pictures.s3.eu-west-1.amazonaws.com"]
    monkeypatch.delenv("S3_BUCKET")
    assert storage_settings.media_origins(environ.Env()) == []
