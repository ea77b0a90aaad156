"""The pages listing a post's quotes and who reposted it: what they show, to whom, and at what cost."""

import pytest
from django.urls import reverse

from accounts.factories import UserFactory
from posts import reposts, services
from posts.tests.helpers import assert_query_budget, post_ids_on
from social import services as social
from tests.budgets import IMAGES, SESSION_QUERIES

pytestmark = pytest.mark.django_db
# Session (unless cached), viewer, the post if the viewer may see it, the quotes with their cards, the viewer's marks,
# which quoted posts the viewer may see.
QUOTES_PAGE_BUDGET = SESSION_QUERIES + 5 + 3 * IMAGES  # the post's, the quotes', their quoted posts'
# Session (unless cached), viewer, the post if the viewer may see it, the reposts with reposters, follows and
# blocks among them.
REPOSTS_PAGE_BUDGET = SESSION_QUERIES + 4 + IMAGES  # the post's


@pytest.fixture
def viewer(client, settings):
    settings.PAGE_SIZE = 30
    person = UserFactory(username="viewer")
    client.force_login(person)
    return person


def test_the_quotes_page_lists_attached_quotes_the_viewer_sees(client, viewer, post, alice, bob, carol):
    shown = services.post_create(author=bob, body="Quoting", quoted_post=post)
    detached = services.post_create(author=carol, body="Me too", quoted_post=post)
    reposts.quote_detach(user=alice, quote=detached)
    social.mute_create(muter=viewer, muted=carol)
    services.post_create(author=carol, body="Muted quoting", quoted_post=post)

    response = client.get(reverse("posts:quotes", args=[post.pk]))

    assert post_ids_on(response) == [shown.pk]
    # The count is everyone's (shown, attached quotes); the list leaves out the people the viewer muted.
    page = client.get(post.get_absolute_url()).content.decode()
    assert f'href="{reverse("posts:quotes", args=[post.pk])}">2 quotes</a>' in page


def test_the_reposts_page_lists_who_reposted(client, viewer, post, bob, carol):
    reposts.repost_create(user=bob, post=post)
    reposts.repost_create(user=carol, post=post)
    social.block_create(blocker=viewer, blocked=carol)

    content = client.get(reverse("posts:reposts", args=[post.pk])).content.decode()

    assert content.count('<li class="person">') == 1
    assert f"@{bob.username}" in content


def test_the_lists_of_a_hidden_post_are_a_404(client, viewer, followers_post):
    for name in ("posts:quotes", "posts:reposts"):
        assert client.get(reverse(name, args=[followers_post.pk])).status_code == 404


def test_quotes_page_budget(client, django_assert_num_queries, viewer, post):
    def add(count: int) -> None:
        for _ in range(count):
            services.post_create(author=UserFactory(), body="Quoting", quoted_post=post)

    add(1)
    assert_query_budget(
        django_assert_num_queries,
        budget=QUOTES_PAGE_BUDGET,
        fetch=lambda: client.get(reverse("posts:quotes", args=[post.pk])),
        count_items=lambda response: len(post_ids_on(response)),
        add_many=add,
    )


def test_reposts_page_budget(client, django_assert_num_queries, viewer, post):
    def add(count: int) -> None:
        for _ in range(count):
            reposts.repost_create(user=UserFactory(), post=post)

    add(1)
    assert_query_budget(
        django_assert_num_queries,
        budget=REPOSTS_PAGE_BUDGET,
        fetch=lambda: client.get(reverse("posts:reposts", args=[post.pk])),
        count_items=lambda response: response.content.decode().count('<li class="person">'),
        add_many=add,
    )
