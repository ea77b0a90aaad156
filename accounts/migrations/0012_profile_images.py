import django.db.models.deletion
from django.db import migrations, models
from django.utils import timezone

CONTENT_TYPES = {"jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "gif": "image/gif", "webp": "image/webp"}


def avatars_to_images(apps, schema_editor):
    """Each avatar file becomes the upload of an avatar Image, still to be processed: the media queue's
    relay (images.tasks.relay_unprocessed_images) hands it to the pipeline, which makes its thumbnail and
    deletes the original file. Until then the person shows their initial."""
    User = apps.get_model("accounts", "User")
    Image = apps.get_model("images", "Image")
    for user in User.objects.exclude(avatar="").only("pk", "avatar").iterator():
        extension = user.avatar.name.rsplit(".", 1)[-1].lower()
        image = Image.objects.create(
            uploader_id=user.pk,
            purpose="avatar",
            state="processing",
            upload=user.avatar.name,
            content_type=CONTENT_TYPES.get(extension, ""),
            created_at=timezone.now(),
        )
        User.objects.filter(pk=user.pk).update(avatar_image=image)


def images_to_avatars(apps, schema_editor):
    """Back: the avatar field names the image's file (or its upload, if not yet processed)."""
    User = apps.get_model("accounts", "User")
    for user in User.objects.exclude(avatar_image=None).select_related("avatar_image").iterator():
        User.objects.filter(pk=user.pk).update(avatar=user.avatar_image.file.name or user.avatar_image.upload.name)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0011_who_to_follow"),
        ("images", "0001_images"),
    ]

    operations = [
        migrations.AddField(
            model_name="user",
            name="avatar_image",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="avatar_of",
                to="images.image",
            ),
        ),
        migrations.AddField(
            model_name="user",
            name="header_image",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="header_of",
                to="images.image",
            ),
        ),
        migrations.RunPython(avatars_to_images, images_to_avatars),
        migrations.RemoveField(model_name="user", name="avatar"),
    ]
