"""Cards under concurrency, with real threads on PostgreSQL: two workers on one new URL, and an edit
landing while the old link's card is being set."""

import pytest

from accounts.factories import UserFactory
from posts import services
from posts.models import Post
from previews.cards import link_card_for, post_link_card_set
from previews.models import LinkCard
from previews.tests.web import og_page
from tests.races import race

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_two_workers_on_one_new_url_make_one_card(web):
    url = web.add("/popular", og_page(title="Popular"))
    cards = race(lambda: link_card_for(url=url), lambda: link_card_for(url=url))
    assert all(isinstance(card, LinkCard) for card in cards), cards
    assert cards[0].pk == cards[1].pk
    assert LinkCard.objects.get().title == "Popular"


def test_an_edit_racing_the_old_links_card_never_leaves_the_old_card(web):
    old, new = web.add("/old", og_page(title="Old")), web.add("/new", og_page(title="New"))
    author = UserFactory()
    post = services.post_create(author=author, body=f"See {old}")
    old_card = link_card_for(url=old)
    Post.objects.filter(pk=post.pk).update(link_card=None)

    results = race(
        lambda: post_link_card_set(post_id=post.pk, url=old, card=old_card),
        lambda: services.post_update(
            post=Post.objects.get(pk=post.pk), editor=author, body=f"See {new}", visibility="public"
        ),
    )
    assert not any(isinstance(result, Exception) for result in results), results
    final = Post.objects.select_related("link_card").get(pk=post.pk)
    assert final.link_card is None or final.link_card.title == "New"
    assert final.link_card_id != old_card.pk
