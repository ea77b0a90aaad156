"""A few demo posts with pictures and a content warning, so that `make run` shows the image grid,
the viewer and the fold. The pictures are drawn here (gradients and circles: no files to ship) and
go through the same upload service and media task as a person's."""

import io
import random

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from PIL import ImageDraw

from accounts.models import User
from images.services import image_upload
from posts.services import post_create

SCENES = [
    ("Evening over the bay from the ferry.", ["A dusky orange sky fading to violet above dark water."], ""),
    (
        "Two sketches from today's walk #drawing",
        ["Three pale circles on a teal ground, like lanterns.", "A red sun low over blue hills."],
        "",
    ),
    ("The light in the studio this morning.", ["Soft yellow light across a grey wall."], ""),
    (
        "Spoilers for the season finale, with my notes.",
        ["A page of notes in circles, mostly blue."],
        "Spoilers: the season finale",
    ),
]


def _drawn_picture(rng: random.Random, name: str) -> SimpleUploadedFile:
    top, bottom = [tuple(rng.randrange(40, 230) for _ in range(3)) for _ in range(2)]
    picture = PILImage.new("RGB", (960, 640))
    draw = ImageDraw.Draw(picture)
    for y in range(640):
        mix = y / 639
        draw.line([(0, y), (959, y)], fill=tuple(round(a + (b - a) * mix) for a, b in zip(top, bottom, strict=True)))
    for _ in range(3):
        x, y, r = rng.randrange(100, 860), rng.randrange(100, 540), rng.randrange(30, 120)
        draw.ellipse([x - r, y - r, x + r, y + r], fill=tuple(rng.randrange(120, 256) for _ in range(3)))
    buffer = io.BytesIO()
    picture.save(buffer, format="JPEG", quality=85)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def demo_picture_posts(people: list[User], *, rng: random.Random) -> int:
    """Post each scene as someone other than the demo member (people[0]); returns how many."""
    for number, (body, alt_texts, warning) in enumerate(SCENES):
        author = people[1 + number % (len(people) - 1)]
        images = [
            image_upload(uploader=author, upload=_drawn_picture(rng, f"demo-{number}-{place}.jpg"), alt_text=alt)
            for place, alt in enumerate(alt_texts)
        ]
        post_create(author=author, body=body, image_ids=[image.pk for image in images], content_warning=warning)
    return len(SCENES)
