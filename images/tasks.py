"""Tasks of the `media` queue: processing an upload, and sweeping abandoned images."""

from datetime import timedelta

from botocore.exceptions import BotoCoreError, ClientError
from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded

from images import cleanup, pipeline, selectors
from threadly.tasks import enqueue

# What the storage raises when it cannot be reached or written (the filesystem, S3): worth a retry.
STORAGE_ERRORS = (OSError, BotoCoreError, ClientError)
MAX_RETRIES = 5
# An upload still unprocessed after this long had its task lost: the relay sends it again.
RELAY_AFTER = timedelta(minutes=5)


@shared_task(bind=True, acks_late=True, max_retries=MAX_RETRIES, soft_time_limit=60, time_limit=90)
def image_process(self, image_id: int) -> str | None:
    """Process one upload. Storage errors retry with backoff; once the retries or the time are spent
    the image is FAILED rather than left PROCESSING for ever."""
    try:
        image = pipeline.image_process(image_id=image_id)
    except SoftTimeLimitExceeded:
        pipeline.image_fail(image_id=image_id, failure="Processing the image took too long.")
        return "failed"
    except STORAGE_ERRORS as error:
        if self.request.retries >= MAX_RETRIES:
            pipeline.image_fail(image_id=image_id, failure="The image could not be stored. Upload it again.")
            return "failed"
        raise self.retry(exc=error, countdown=5 * 2**self.request.retries) from error
    return None if image is None else image.state


@shared_task(acks_late=True)
def delete_abandoned_images() -> int:
    """Hourly: images never processed, failed, or uploaded and never used, older than a day."""
    return cleanup.images_delete(images=cleanup.images_abandoned())


@shared_task(acks_late=True)
def relay_unprocessed_images() -> int:
    """Every few minutes: send again the processing of uploads whose task never ran (processing is
    idempotent, so one sent twice does no harm)."""
    ids = selectors.images_waiting_ids(older_than=RELAY_AFTER)
    return sum(enqueue(image_process, image_id) for image_id in ids)
