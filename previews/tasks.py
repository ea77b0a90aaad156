"""The workers' side of link previews (queue `media`): thin tasks that take ids and call previews.cards."""

from celery import shared_task
from django.db import DatabaseError

from previews import cards


@shared_task(max_retries=3, autoretry_for=(DatabaseError,), retry_backoff=2, retry_jitter=True)
def post_link_card_attach(post_id: int, url: str) -> bool:
    """Fetch (or reuse) the card for `url` and show it on the post if its first link is still `url`.

    A page that cannot be read is not retried: the card is marked failed and fetched again only once
    LINK_PREVIEW_TTL has passed. True when the post's card was set.
    """
    card = cards.link_card_for(url=url)
    return cards.post_link_card_set(post_id=post_id, url=url, card=card)
