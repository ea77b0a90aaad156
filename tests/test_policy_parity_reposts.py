"""Reposts and quotes asked through both doors, the page and the API, by every kind of viewer.

On top of the parity world: oli reposts ana's public post, fay (a follower) quotes ana's
followers-only post and sam quotes her public one. A repost row is listed where its original
would be; a quote card shows its post only to who may see it.
"""

import pytest
from django.urls import reverse

from posts import reposts, services
from posts.models import Post
from tests.test_policy_parity_lists import api_ids, assert_both_doors, page_ids

pytestmark = pytest.mark.django_db

# oli's profile: his post, and his repost of ana's public post where ana's post would be listed.
OLI_PROFILE = {
    "anonymous": "repost other",
    "author": "repost other",
    "follower": "repost other",
    "stranger": "repost other",
    "blocked": "other",
    "blocker": "other",
    "muted": "other",  # max muted ana: her post is not listed to him, reposted or not.
    "moderator": "repost other",
}
# The card of fay's quote of ana's followers-only post, on the quote's page.
FRIENDS_QUOTE_CARD = {
    "anonymous": "unavailable",
    "author": "ok",
    "follower": "ok",
    "stranger": "unavailable",
    "blocked": "unavailable",
    "blocker": "unavailable",
    "muted": "ok",  # Muting hides from lists, not from a post's own page.
    "moderator": "unavailable",
}
PUBLIC_QUOTE_CARD = {**FRIENDS_QUOTE_CARD, "anonymous": "ok", "stranger": "ok", "moderator": "ok"}


@pytest.fixture
def shared(world):
    people, posts = world.viewers, world.posts
    oli = posts["other"].author
    reposts.repost_create(user=oli, post=posts["public"])
    return {
        "repost": Post.objects.get(author=oli, repost_of=posts["public"]),
        "other": posts["other"],
        "friends_quote": services.post_create(
            author=people["follower"], body="Quoting a friend", quoted_post=posts["followers"]
        ),
        "public_quote": services.post_create(author=people["stranger"], body="Quoting", quoted_post=posts["public"]),
    }


def test_a_profile_lists_reposts_where_their_original_would_be(shared, doors):
    answers = {}
    for role, (page, api) in doors.items():
        answers[role] = (page_ids(page.get("/@oli")), api_ids(api.get(reverse("api:user-posts", args=["oli"]))))
    expected = {
        role: sorted((shared[name].pk for name in names.split()), reverse=True) for role, names in OLI_PROFILE.items()
    }
    assert_both_doors(answers, expected)


def _card_on_page(response) -> str:
    content = response.content.decode()
    assert response.status_code == 200
    if '<blockquote class="quote-card"' in content:
        return "ok"
    return "unavailable" if "This post is unavailable." in content else "none"


@pytest.mark.parametrize(
    ("quote", "table"), [("friends_quote", FRIENDS_QUOTE_CARD), ("public_quote", PUBLIC_QUOTE_CARD)]
)
def test_a_quote_card_shows_its_post_only_to_who_may_see_it(quote, table, shared, doors):
    post = shared[quote]
    answers = {}
    for role, (page, api) in doors.items():
        body = api.get(reverse("api:post-detail", args=[post.pk])).json()
        assert (body["quoted_post"] is not None) == (body["quote_state"] == "ok"), role
        answers[role] = (_card_on_page(page.get(post.get_absolute_url())), body["quote_state"])
    assert_both_doors(answers, table)
