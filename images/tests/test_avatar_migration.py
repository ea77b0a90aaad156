"""accounts 0012: the avatar files people had become avatar images, which the media relay processes."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from accounts.models import User
from images import tasks
from images.models import Image
from images.tests.pictures import picture

# PostgreSQL, as the other migration tests: SQLite remakes tables when migrating back.
pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

BEFORE = [("accounts", "0011_who_to_follow"), ("images", "0001_images")]


def migrate(targets) -> None:
    MigrationExecutor(connection).migrate(targets)


@pytest.fixture
def before():
    """The models before accounts 0012; the database goes back to the newest state afterwards."""
    migrate(BEFORE)
    yield MigrationExecutor(connection).loader.project_state(BEFORE).apps
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_an_old_avatar_file_becomes_an_avatar_image_that_the_relay_gets_processed(before, settings):
    OldUser = before.get_model("accounts", "User")
    stored = Path(settings.MEDIA_ROOT) / "avatars/2026/01/ana.png"
    stored.parent.mkdir(parents=True)
    stored.write_bytes(picture(900, 600))
    OldUser.objects.create(username="ana", email="ana@example.com", avatar="avatars/2026/01/ana.png")
    OldUser.objects.create(username="bob", email="bob@example.com")

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    ana, bob = User.objects.get(username="ana"), User.objects.get(username="bob")
    assert bob.avatar_image is None
    image = ana.avatar_image
    assert (image.uploader, image.purpose, image.state) == (ana, "avatar", "processing")
    assert image.upload.name == "avatars/2026/01/ana.png" and image.content_type == "image/png"
    # The relay takes what has waited past RELAY_AFTER (a lost task, or this migration's rows).
    assert tasks.relay_unprocessed_images() == 0
    Image.objects.filter(pk=image.pk).update(created_at=timezone.now() - tasks.RELAY_AFTER - timedelta(seconds=1))

    assert tasks.relay_unprocessed_images() == 1

    image.refresh_from_db()
    assert image.state == "ready" and image.thumbnail_width == 192 and not image.upload
    assert not stored.exists() and Path(image.thumbnail.path).exists()
