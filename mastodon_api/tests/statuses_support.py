"""What the statuses tests share: pictures to upload."""

from django.core.files.uploadedfile import SimpleUploadedFile

from images.tests.pictures import picture


def png_upload(name: str = "photo.png", width: int = 120, height: int = 80) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, picture(width, height), content_type="image/png")
