"""Feed tasks the broker refused are kept by threadly's general relay (threadly.UnpublishedTask), like
every other task without a relay of its own: the pending rows move there, and UnsentTask goes."""

from django.db import migrations


def unsent_to_unpublished(apps, schema_editor):
    UnsentTask = apps.get_model("timelines", "UnsentTask")
    UnpublishedTask = apps.get_model("threadly", "UnpublishedTask")
    UnpublishedTask.objects.bulk_create(
        UnpublishedTask(task=row.task, args=row.args, created_at=row.created_at)
        for row in UnsentTask.objects.order_by("id")
    )


def unpublished_to_unsent(apps, schema_editor):
    UnsentTask = apps.get_model("timelines", "UnsentTask")
    UnpublishedTask = apps.get_model("threadly", "UnpublishedTask")
    feed_tasks = UnpublishedTask.objects.filter(task__startswith="timelines.").order_by("id")
    UnsentTask.objects.bulk_create(
        UnsentTask(task=row.task, args=row.args, created_at=row.created_at) for row in feed_tasks
    )
    feed_tasks.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("threadly", "0002_session_evictions_unpublished_tasks"),
        ("timelines", "0001_unsent_task"),
    ]

    operations = [
        migrations.RunPython(unsent_to_unpublished, unpublished_to_unsent),
        migrations.DeleteModel(name="UnsentTask"),
    ]
