"""The posts API with images: `image_ids` on create and edit, errors on that field, `images` on every post."""

import pytest

from images.factories import ImageFactory
from posts import services
from posts.attachments import post_image_ids
from posts.models import Post
from posts.tests.helpers import POSTS, detail, error_of


def test_create_attaches_two_images_with_their_alt_text_in_order(api_as, alice):
    sky = ImageFactory(uploader=alice, alt_text="A blue sky over the harbour")
    boat = ImageFactory(uploader=alice, alt_text="A red boat")

    response = api_as(alice).post(POSTS, {"body": "Harbour", "image_ids": [sky.pk, boat.pk]}, format="json")

    assert response.status_code == 201, response.json()
    post = Post.objects.get()
    assert post_image_ids(post) == [sky.pk, boat.pk]
    images = response.json()["images"]
    assert [(image["id"], image["alt_text"]) for image in images] == [
        (sky.pk, "A blue sky over the harbour"),
        (boat.pk, "A red boat"),
    ]
    assert images[0]["url"].startswith("http://testserver/media/")
    assert images[0]["thumbnail_url"].startswith("http://testserver/media/")


def test_a_post_of_images_alone_needs_no_body(api_as, alice):
    image = ImageFactory(uploader=alice)

    response = api_as(alice).post(POSTS, {"image_ids": [image.pk]}, format="json")

    assert response.status_code == 201
    assert Post.objects.get().body == ""


def test_no_body_and_no_images_is_a_body_error(api_as, alice):
    response = api_as(alice).post(POSTS, {"body": " ", "image_ids": []}, format="json")

    assert response.status_code == 400
    assert list(error_of(response)["fields"]) == ["body"]


def test_five_images_are_refused_on_the_image_ids_field(api_as, alice):
    images = ImageFactory.create_batch(5, uploader=alice)

    response = api_as(alice).post(POSTS, {"body": "Too many", "image_ids": [i.pk for i in images]}, format="json")

    assert response.status_code == 400
    assert list(error_of(response)["fields"]) == ["image_ids"]
    assert not Post.objects.exists()


@pytest.mark.parametrize("whose", ["someone-elses", "already-used"])
def test_an_image_the_author_may_not_attach_is_refused_on_the_image_ids_field(api_as, alice, bob, whose):
    image = ImageFactory(uploader=bob if whose == "someone-elses" else alice)
    if whose == "already-used":
        services.post_create(author=alice, body="First", image_ids=[image.pk])

    response = api_as(alice).post(POSTS, {"body": "Mine?", "image_ids": [image.pk]}, format="json")

    assert response.status_code == 400
    says = error_of(response)["fields"]["image_ids"][0]
    assert says == (
        f"Image {image.pk} is not one of your uploads."
        if whose == "someone-elses"
        else f"Image {image.pk} is already on another post."
    )
    assert Post.objects.count() == (1 if whose == "already-used" else 0)


def test_an_edit_replaces_the_images_and_leaving_them_out_keeps_them(api_as, alice):
    first, second = ImageFactory.create_batch(2, uploader=alice)
    post = services.post_create(author=alice, body="Before", image_ids=[first.pk])
    client = api_as(alice)

    replaced = client.patch(detail(post.pk), {"image_ids": [second.pk]}, format="json")
    kept = client.patch(detail(post.pk), {"body": ""}, format="json")

    assert replaced.status_code == kept.status_code == 200
    assert [image["id"] for image in kept.json()["images"]] == [second.pk]
    assert kept.json()["body"] == ""
    assert replaced.json()["edited_at"] is not None


def test_an_edit_taking_the_images_and_the_words_is_a_body_error(api_as, alice):
    post = services.post_create(author=alice, body="Words", image_ids=[ImageFactory(uploader=alice).pk])

    response = api_as(alice).patch(detail(post.pk), {"body": "", "image_ids": []}, format="json")

    assert response.status_code == 400
    assert list(error_of(response)["fields"]) == ["body"]


def test_someone_elses_post_cannot_have_its_images_changed(api_as, alice, bob):
    post = services.post_create(author=alice, body="Mine", image_ids=[ImageFactory(uploader=alice).pk])

    response = api_as(bob).patch(detail(post.pk), {"image_ids": []}, format="json")

    assert response.status_code == 403
    assert len(post_image_ids(post)) == 1
