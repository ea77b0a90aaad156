"""factory-boy factories for images: a READY image with real files, as the pipeline leaves one."""

import io

import factory
from django.core.files.base import ContentFile
from django.utils import timezone
from factory.django import DjangoModelFactory
from PIL import Image as PILImage

from accounts.factories import UserFactory
from images.models import Image


def png_bytes(width: int = 64, height: int = 48, color: str = "teal") -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), color).save(buffer, format="PNG")
    return buffer.getvalue()


class ImageFactory(DjangoModelFactory):
    class Meta:
        model = Image

    uploader = factory.SubFactory(UserFactory)
    purpose = Image.Purpose.POST
    state = Image.State.READY
    alt_text = factory.Faker("sentence", nb_words=6)
    file = factory.LazyFunction(lambda: ContentFile(png_bytes(64, 48), name="picture.png"))
    width = 64
    height = 48
    thumbnail = factory.LazyFunction(lambda: ContentFile(png_bytes(32, 24), name="picture.png"))
    thumbnail_width = 32
    thumbnail_height = 24
    blurhash = "LEHV6nWB2yk8pyo0adR*.7kCMdnj"
    content_type = "image/png"
    processed_at = factory.LazyFunction(timezone.now)
