"""Cards: fetched once per URL through the guard, shared by every post linking there, fetched again
when LINK_PREVIEW_TTL has passed; and a post's card set, bumping its version (posts.hydration).

The workers' side (previews.tasks calls these); previews.services is the door the posts app uses.
"""

import logging
from datetime import datetime
from urllib.parse import urljoin

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from images.processing import still_jpeg
from posts.models import Post
from posts.text import first_link
from previews.fetch import FetchFailed, fetch
from previews.guard import LinkRefused, link_normalised
from previews.models import LinkCard, url_hash
from previews.opengraph import page_facts

logger = logging.getLogger(__name__)

HTML = ("text/html",)
IMAGE_TYPES = ("image/jpeg", "image/png", "image/webp", "image/gif")


def post_link(body: str) -> str | None:
    """The normalised first link of a post's text (its card's key), or None when it has no usable one."""
    link = first_link(body)
    if link is None:
        return None
    try:
        return link_normalised(link)
    except ValueError:
        return None


def _is_fresh(card: LinkCard, now: datetime) -> bool:
    return card.fetched_at is not None and now - card.fetched_at < settings.LINK_PREVIEW_TTL


def _thumbnail(page_url: str, image_url: str) -> tuple[ContentFile, int, int] | None:
    """The card's picture as a small JPEG made by the images pipeline (checked, upright, metadata
    dropped, bounded), or None: a card without its picture is still a card."""
    try:
        url = link_normalised(urljoin(page_url, image_url))
        fetched = fetch(url, accept=IMAGE_TYPES, limit=settings.LINK_PREVIEW_IMAGE_MAX_BYTES)
        if fetched.truncated:
            return None
        picture = still_jpeg(fetched.body, side=settings.LINK_PREVIEW_IMAGE_SIDE)
    except (LinkRefused, FetchFailed, ValidationError, ValueError):
        logger.info("link card picture skipped: %s", image_url, exc_info=True)
        return None
    return ContentFile(picture.content, name="card.jpg"), picture.width, picture.height


def _card_read(card: LinkCard) -> None:
    """Fill the card from its page, or mark it failed with the reason."""
    old_image = card.image.name
    card.image, card.image_width, card.image_height = "", None, None
    try:
        page = fetch(card.url, accept=HTML, limit=settings.LINK_PREVIEW_MAX_BYTES)
    except (LinkRefused, FetchFailed) as error:
        card.state, card.failure = LinkCard.State.FAILED, str(error)[:200]
        card.title = card.description = card.site_name = ""
    else:
        facts = page_facts(page.body, page.charset)
        card.state, card.failure = LinkCard.State.READY, ""
        card.title, card.description, card.site_name = facts.title, facts.description, facts.site_name
        if facts.image and (thumbnail := _thumbnail(page.url, facts.image)):
            content, card.image_width, card.image_height = thumbnail
            card.image.save(f"{card.url_hash}.jpg", content, save=False)
    card.fetched_at = timezone.now()
    card.save()
    if old_image:
        card.image.storage.delete(old_image)


def link_card_for(*, url: str) -> LinkCard:
    """The URL's card, fetched now when it is new or older than LINK_PREVIEW_TTL.

    Two workers may fetch the same new URL at once: the unique url_hash keeps one card (get_or_create
    reads the winner's row), and both fill it with the same page. A refetched card changes what every
    post linking there shows, so those posts' versions move.
    """
    card, _ = LinkCard.objects.get_or_create(url_hash=url_hash(url), defaults={"url": url})
    if _is_fresh(card, timezone.now()):
        return card
    refetch = card.fetched_at is not None
    _card_read(card)
    if refetch:
        Post.objects.filter(link_card=card).update(version=F("version") + 1)
    return card


@transaction.atomic
def post_link_card_set(*, post_id: int, url: str, card: LinkCard) -> bool:
    """Show `card` on the post, unless the post is gone or its first link is no longer `url` (it was
    edited while the page was being fetched: the edit scheduled its own card). True when set."""
    post = Post.objects.select_for_update().filter(pk=post_id).only("body", "link_card_id").first()
    if post is None or post.link_card_id == card.pk:
        return False
    if post_link(post.body) != url:
        return False
    # The post shows something new: its cached renderings are read no more (posts.services._version_bump).
    Post.objects.filter(pk=post_id).update(link_card=card, version=F("version") + 1)
    return True
