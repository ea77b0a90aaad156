"""images/_image.html, the one <img> of an image that pages include (a post's grid, a profile's header)."""

import pytest
from django.template.loader import render_to_string

from images.factories import ImageFactory
from images.models import Image

pytestmark = pytest.mark.django_db


def test_a_ready_image_is_drawn_as_its_thumbnail_or_in_full_with_its_size_alt_text_and_placeholder():
    image = ImageFactory(alt_text='A "quoted" cat')

    thumbnail = render_to_string("images/_image.html", {"image": image})
    full = render_to_string("images/_image.html", {"image": image, "size": "full", "class": "viewer"})

    assert thumbnail.strip() == (
        f'<img src="{image.thumbnail.url}" width="32" height="24" alt="A &quot;quoted&quot; cat" loading="lazy" '
        f'decoding="async" data-blurhash="{image.blurhash}">'
    )
    assert full.strip().startswith(f'<img class="viewer" src="{image.file.url}" width="64" height="48"')


def test_an_image_not_processed_yet_draws_nothing():
    image = ImageFactory(state=Image.State.PROCESSING)

    assert render_to_string("images/_image.html", {"image": image}).strip() == ""
