"""Reads of images: which one a viewer may look at."""

from datetime import timedelta

from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from images.models import Image
from social.models import Block


def image_for_viewer(*, image_id: int, viewer) -> Image:
    """The image, for its uploader always; for anyone else only once it is in public use (the avatar
    or profile header of an active account who has not blocked the viewer: a suspended one's are
    hidden with the rest of it). An unattached upload is its uploader's alone: Http404 otherwise, so
    that nobody learns it exists. Post attachments answer through their post (posts.policy)."""
    if not viewer.is_authenticated:
        visible = Q(avatar_of__is_active=True) | Q(header_of__is_active=True)
    else:
        # As their profile: hidden from someone they blocked (social.selectors.person_for_viewer).
        blockers = Block.objects.filter(blocked=viewer).values("blocker_id")
        visible = (
            Q(uploader_id=viewer.pk)
            | (Q(avatar_of__is_active=True) & ~Q(avatar_of__in=blockers))
            | (Q(header_of__is_active=True) & ~Q(header_of__in=blockers))
        )
    image = Image.objects.filter(visible, pk=image_id).distinct().first()
    if image is None:
        raise Http404("No such image.")
    return image


def images_waiting_ids(*, older_than: timedelta, limit: int = 500) -> list[int]:
    """Uploads still PROCESSING after `older_than` (their task was lost: the broker was down when it was
    sent, or they came from a data migration), the oldest first, within the sweep's day."""
    now = timezone.now()
    waiting = Image.objects.filter(
        state=Image.State.PROCESSING, created_at__lt=now - older_than, created_at__gte=now - timedelta(days=1)
    ).exclude(upload="")
    return list(waiting.order_by("pk").values_list("pk", flat=True)[:limit])
