"""Tasks that have no relay of their own, handed over while Redis is down: kept as UnpublishedTask
rows (threadly.tasks.enqueue_on_commit_or_keep), published once by relay_unpublished_tasks when the
broker answers again, and run by a real worker: the old address is told once, the link fetched once.
"""

import time

import pytest

from accounts.factories import UserFactory
from accounts.services import user_update_profile
from posts.models import Post
from posts.services import post_create
from previews.tests.web import local_web_server, og_page
from threadly.models import UnpublishedTask
from threadly.tasks import relay_unpublished_tasks

from .outage import COOLDOWN
from .processes import wait_until

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True)]


def kept_during_outage(redis_server, act) -> list[list]:
    """What `act` kept for the relay with Redis stopped; Redis is back, past the breaker's cool-down."""
    redis_server.stop()
    act()
    kept = [[row.task, *row.args] for row in UnpublishedTask.objects.order_by("id")]
    redis_server.start()
    time.sleep(COOLDOWN)
    return kept


def test_an_email_change_during_an_outage_tells_the_old_address_once(site_on_test_redis, start_worker):
    person = UserFactory(email="old@example.com")

    kept = kept_during_outage(site_on_test_redis, lambda: user_update_profile(user=person, email="new@example.com"))

    assert kept == [["accounts.tasks.tell_old_email_of_change", person.pk, "old@example.com"]]
    worker = start_worker()
    assert relay_unpublished_tasks() == 1
    assert relay_unpublished_tasks() == 0
    told = "To: old@example.com"  # The console mailer writes each message to the worker's log.
    wait_until(lambda: told in worker.log.read_text(), timeout=30, what="the notice to the old address")
    time.sleep(1)  # Time for a second one to show, were there one.
    assert worker.log.read_text().count(told) == 1
    assert not UnpublishedTask.objects.exists()


def test_a_link_posted_during_an_outage_gets_its_card_once(site_on_test_redis, start_worker, settings):
    settings.LINK_PREVIEW_TEST_ADDRESSES = frozenset({"127.0.0.1"})
    author = UserFactory()
    with local_web_server() as web:
        url = web.add("/story", og_page(title="The story"))

        kept = kept_during_outage(site_on_test_redis, lambda: post_create(author=author, body=f"Read {url}"))

        post = Post.objects.get(author=author)
        assert ["previews.tasks.post_link_card_attach", post.pk, url] in kept
        start_worker(include=("tests.integration.local_links",))
        assert relay_unpublished_tasks() == len(kept)  # The card's task, and the post's feed fan-out.

        def card_title() -> str | None:
            card = Post.objects.select_related("link_card").get(pk=post.pk).link_card
            return card.title if card is not None and card.is_ready else None

        assert wait_until(card_title, timeout=30, what="the post's card") == "The story"
        assert web.requests == ["/story"]
        assert not UnpublishedTask.objects.exists()
