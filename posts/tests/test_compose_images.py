"""Images through the pages: the composer's files with alt text, the edit page, the grid on a post, and
nothing half-saved when a post is refused."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from images.factories import ImageFactory
from images.models import Image
from images.tests.pictures import picture
from posts import services
from posts.attachments import post_image_ids
from posts.models import Post
from posts.tests.helpers import POSTS, error_of


@pytest.fixture
def alice_client(client, alice):
    client.force_login(alice)
    return client


def png(name: str = "photo.png", width: int = 120, height: int = 80) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, picture(width, height), content_type="image/png")


def stored_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


def compose(client, *, body="Look", files=(), alt_texts=(), **fields):
    data = {"body": body, "visibility": "public", "images": list(files), **fields}
    data |= {f"alt_text_{place}": text for place, text in enumerate(alt_texts, start=1)}
    return client.post(reverse("posts:create"), data)


def test_the_composer_offers_images_with_alt_text_fields_without_javascript(alice_client):
    html = alice_client.get(reverse("posts:create")).content.decode()

    assert 'enctype="multipart/form-data"' in html
    assert 'type="file" name="images"' in html and "multiple" in html and 'accept="image/*"' in html
    for place in range(1, settings.POST_MAX_IMAGES + 1):
        assert f'<label for="id_alt_text_{place}">Alt text for image {place}:</label>' in html


def test_two_images_with_alt_text_are_published_and_processed(alice_client, alice, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = compose(
            alice_client, files=[png("sea.png"), png("boat.png", 80, 120)], alt_texts=["The sea", "A boat"]
        )

    assert response.status_code == 302, response.content.decode()[:2000]
    post = Post.objects.get()
    images = [Image.objects.get(pk=pk) for pk in post_image_ids(post)]
    assert [(image.alt_text, image.state, image.uploader) for image in images] == [
        ("The sea", Image.State.READY, alice),
        ("A boat", Image.State.READY, alice),
    ]
    html = alice_client.get(post.get_absolute_url()).content.decode()
    assert html.count('class="image-link"') == 2
    assert f'href="{images[0].file.url}"' in html
    assert 'alt="The sea"' in html and f'width="{images[1].thumbnail_width}"' in html
    assert 'class="blurhash" src="data:image/png;base64,' in html
    assert html.count('class="alt-badge"') == 2


def test_a_post_of_only_an_image_is_published(alice_client):
    response = compose(alice_client, body="", files=[png()], alt_texts=["Just this"])

    assert response.status_code == 302
    assert Post.objects.get().body == ""


def test_five_images_are_a_form_error_and_nothing_is_stored(alice_client):
    response = compose(alice_client, files=[png(f"{n}.png") for n in range(5)])

    assert response.status_code == 400
    assert "at most 4 images" in response.content.decode()
    assert not Post.objects.exists() and not Image.objects.exists()
    assert stored_files() == []


def test_a_file_that_is_not_an_image_is_named_and_nothing_is_left_behind(alice_client):
    fake = SimpleUploadedFile("notes.png", b"these are words, not pixels", content_type="image/png")

    response = compose(alice_client, files=[png("fine.png"), fake])

    assert response.status_code == 400
    assert "Image 2 (notes.png):" in response.content.decode()
    assert not Post.objects.exists() and not Image.objects.exists()
    assert stored_files() == []


def test_a_post_refused_for_its_words_leaves_no_uploads_behind(alice_client):
    response = compose(alice_client, body="x" * (settings.POST_MAX_LENGTH + 1), files=[png(), png("b.png")])

    assert response.status_code == 400
    assert "characters" in response.content.decode()
    assert not Post.objects.exists() and not Image.objects.exists()
    assert stored_files() == []


def test_the_edit_page_takes_images_off_and_adds_new_ones_after_those_kept(alice_client, alice):
    kept, dropped = ImageFactory(uploader=alice), ImageFactory(uploader=alice)
    post = services.post_create(author=alice, body="Pictures", image_ids=[kept.pk, dropped.pk])
    page = alice_client.get(reverse("posts:edit", args=[post.pk])).content.decode()
    assert page.count('name="keep"') == 2

    response = alice_client.post(
        reverse("posts:edit", args=[post.pk]),
        {"body": "Pictures", "visibility": "public", "keep": [str(kept.pk)], "images": [png()], "alt_text_1": "New"},
    )

    assert response.status_code == 302
    ids = post_image_ids(post)
    assert ids[0] == kept.pk and dropped.pk not in ids and len(ids) == 2
    assert Image.objects.get(pk=ids[1]).alt_text == "New"
    post.refresh_from_db()
    assert post.edited_at is not None and post.version == 2


def test_a_processing_image_shows_a_placeholder_until_it_is_ready(client, alice):
    image = ImageFactory(uploader=alice, state=Image.State.PROCESSING, alt_text="Soon")
    post = services.post_create(author=alice, body="Wait for it", image_ids=[image.pk])

    waiting = client.get(post.get_absolute_url()).content.decode()
    Image.objects.filter(pk=image.pk).update(state=Image.State.READY)
    ready = client.get(post.get_absolute_url()).content.decode()

    assert "Processing…" in waiting and 'class="image-link"' not in waiting
    assert 'class="image-link"' in ready and "Processing…" not in ready


def test_a_removed_post_hides_its_images(client, alice):
    post = services.post_create(author=alice, body="Mine", image_ids=[ImageFactory(uploader=alice).pk])
    services.post_remove(post=post)

    assert client.get(post.get_absolute_url()).status_code == 404
    assert 'class="image-link"' not in client.get("/explore/").content.decode()
    assert 'class="image-link"' not in client.get("/@alice", {"media": "1"}).content.decode()


def test_a_quote_card_shows_the_quoted_posts_first_thumbnail_or_its_count(client, alice, bob):
    one = services.post_create(author=alice, body="One", image_ids=[ImageFactory(uploader=alice, alt_text="Lone").pk])
    three = services.post_create(
        author=alice, body="Three", image_ids=[image.pk for image in ImageFactory.create_batch(3, uploader=alice)]
    )
    services.post_create(author=bob, body="Quoting one", quoted_post=one)
    services.post_create(author=bob, body="Quoting three", quoted_post=three)

    html = client.get("/@bob").content.decode()

    assert html.count('class="quote-thumbnail"') == 1 and 'alt="Lone"' in html
    assert "3 images" in html


# Both doors refuse and accept alike (the page sends files, the API the ids of uploads).
@pytest.mark.parametrize(
    ("case", "accepted"),
    [("two-images", True), ("images-no-words", True), ("five-images", False), ("no-words-no-images", False)],
)
def test_the_page_and_the_api_refuse_and_accept_the_same(alice_client, api_as, alice, case, accepted):
    count = {"two-images": 2, "images-no-words": 1, "five-images": 5, "no-words-no-images": 0}[case]
    body = "" if case in {"images-no-words", "no-words-no-images"} else "Words"

    page = compose(alice_client, body=body, files=[png(f"{n}.png") for n in range(count)])
    ids = [image.pk for image in ImageFactory.create_batch(count, uploader=alice)]
    api = api_as(alice).post(POSTS, {"body": body, "image_ids": ids}, format="json")

    assert (page.status_code == 302, api.status_code == 201) == (accepted, accepted)
    assert Post.objects.count() == (2 if accepted else 0)
    if not accepted:
        field = "image_ids" if count else "body"
        assert list(error_of(api)["fields"]) == [field]
