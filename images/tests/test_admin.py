"""Moderators in the admin: they see uploads and delete a member's, with its files; not staff's."""

from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from accounts.factories import UserFactory
from accounts.models import User
from images.factories import ImageFactory
from images.models import Image
from moderation import services as moderation
from posts.factories import PostFactory
from posts.models import Post

pytestmark = pytest.mark.django_db


@pytest.fixture
def mod_client():
    mod = UserFactory(username="mod")
    moderation.role_set(user=mod, role=User.Role.MODERATOR, actor=None)
    client = Client()
    client.force_login(User.objects.get(pk=mod.pk))
    return client


def test_a_moderator_sees_an_upload_and_deletes_a_members_with_its_files(
    mod_client, alice, django_capture_on_commit_callbacks
):
    image = ImageFactory(uploader=alice, alt_text="Something reported")
    files = [Path(image.file.path), Path(image.thumbnail.path)]

    listing = mod_client.get(reverse("admin:images_image_changelist"))
    page = mod_client.get(reverse("admin:images_image_change", args=[image.pk]))
    assert listing.status_code == page.status_code == 200
    assert image.thumbnail.url in page.content.decode() and "Something reported" in page.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = mod_client.post(reverse("admin:images_image_delete", args=[image.pk]), {"post": "yes"})

    assert response.status_code == 302
    assert not Image.objects.filter(pk=image.pk).exists()
    assert not any(path.exists() for path in files)


def test_a_moderator_may_not_delete_a_staff_members_upload(mod_client):
    staff = UserFactory(username="staffer", role=User.Role.MODERATOR, is_staff=True)
    image = ImageFactory(uploader=staff)

    response = mod_client.post(reverse("admin:images_image_delete", args=[image.pk]), {"post": "yes"})

    assert response.status_code == 403
    assert Image.objects.filter(pk=image.pk).exists()


def test_bulk_deleting_uploads_removes_their_files(mod_client, alice, bob, django_capture_on_commit_callbacks):
    images = [ImageFactory(uploader=alice), ImageFactory(uploader=bob)]
    files = [Path(image.file.path) for image in images]

    with django_capture_on_commit_callbacks(execute=True):
        response = mod_client.post(
            reverse("admin:images_image_changelist"),
            {"action": "delete_selected", "_selected_action": [image.pk for image in images], "post": "yes"},
        )

    assert response.status_code == 302
    assert not Image.objects.exists() and not any(path.exists() for path in files)


def test_deleting_someones_avatar_renders_their_posts_again_without_it(
    mod_client, alice, django_capture_on_commit_callbacks
):
    post = PostFactory(author=alice)
    image = ImageFactory(uploader=alice, purpose=Image.Purpose.AVATAR)
    User.objects.filter(pk=alice.pk).update(avatar_image=image)
    version = Post.objects.get(pk=post.pk).version

    with django_capture_on_commit_callbacks(execute=True):
        mod_client.post(reverse("admin:images_image_delete", args=[image.pk]), {"post": "yes"})

    alice.refresh_from_db()
    assert alice.avatar_image is None
    assert Post.objects.get(pk=post.pk).version > version
