"""What the statuses tests share: pictures to upload and the ids a Link header carries."""

from django.core.files.uploadedfile import SimpleUploadedFile

from images.tests.pictures import picture


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
