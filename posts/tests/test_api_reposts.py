"""The API's reposts and quotes: idempotent repost and undo, quoting on create, detaching, and the lists."""

import pytest
from django.urls import reverse

from accounts.factories import UserFactory
from posts import reposts, services
from posts.models import Post
from posts.tests.helpers import MANY, POSTS, assert_query_budget, detail, error_of
from social import services as social
from tests.budgets import IMAGES

pytestmark = pytest.mark.django_db
# user by token, the post if the viewer may see it, a page of repost rows with their reposters
REPOSTS_BUDGET = 3 + IMAGES  # the post's
# user by token, the post if the viewer may see it, the quotes with their cards, the viewer's marks,
# which quoted posts the viewer may see
QUOTES_BUDGET = 5 + 3 * IMAGES  # the post's, the quotes', their quoted posts'


def repost_url(post) -> str:
    return reverse("api:post-repost", kwargs={"post_id": post.pk})


def test_reposting_answers_201_then_200_and_undo_204(api_as, post, bob):
    client = api_as(bob)

    first, second = client.post(repost_url(post)), client.post(repost_url(post))

    assert (first.status_code, first.json()) == (201, {"reposted": True, "repost_count": 1})
    assert first["Location"].endswith(detail(post.pk))
    assert (second.status_code, second.json()) == (200, {"reposted": True, "repost_count": 1})
    assert client.delete(repost_url(post)).status_code == 204
    assert client.delete(repost_url(post)).status_code == 204
    post.refresh_from_db()
    assert post.repost_count == 0


def test_reposting_through_a_repost_row_reposts_the_original(api_as, post, bob, carol):
    reposts.repost_create(user=bob, post=post)
    row = Post.objects.get(author=bob)

    response = api_as(carol).post(repost_url(row))

    assert response.status_code == 201
    assert Post.objects.get(author=carol).repost_of == post


def test_a_followers_only_post_is_a_403_to_repost_for_a_follower_and_a_404_for_others(api_as, followers_post, follower):
    refused = api_as(follower).post(repost_url(followers_post))
    hidden = api_as(UserFactory()).post(repost_url(followers_post))

    assert refused.status_code == 403
    assert error_of(refused)["message"] == "Posts for followers only cannot be reposted."
    assert hidden.status_code == 404


def test_deleting_a_repost_row_undoes_the_repost(api_as, post, bob):
    reposts.repost_create(user=bob, post=post)

    response = api_as(bob).delete(detail(Post.objects.get(author=bob).pk))

    assert response.status_code == 204
    post.refresh_from_db()
    assert post.repost_count == 0


def test_a_repost_row_cannot_be_edited(api_as, post, bob):
    reposts.repost_create(user=bob, post=post)

    response = api_as(bob).patch(detail(Post.objects.get(author=bob).pk), {"body": "mine now"}, format="json")

    assert response.status_code == 403


def test_creating_a_quote_with_its_policy(api_as, post, bob):
    response = api_as(bob).post(
        POSTS, {"body": "Quoting", "quoted_post": post.pk, "quote_policy": "nobody"}, format="json"
    )

    assert response.status_code == 201
    body = response.json()
    assert (body["quote_state"], body["quoted_post"]["id"], body["quote_policy"]) == ("ok", post.pk, "nobody")
    assert body["quoted_post"]["author"]["username"] == post.author.username
    post.refresh_from_db()
    assert post.quote_count == 1


def test_quoting_a_post_one_cannot_see_is_a_field_error(api_as, followers_post, bob):
    response = api_as(bob).post(POSTS, {"body": "Quoting", "quoted_post": followers_post.pk}, format="json")

    assert response.status_code == 400
    assert error_of(response)["fields"] == {"quoted_post": ["No such post."]}


def test_quoting_against_the_quote_policy_is_a_403(api_as, alice, bob):
    post = services.post_create(author=alice, body="No quotes", quote_policy=Post.QuotePolicy.NOBODY)

    response = api_as(bob).post(POSTS, {"body": "Quoting", "quoted_post": post.pk}, format="json")

    assert response.status_code == 403
    assert not Post.objects.filter(author=bob).exists()


def test_the_quote_policy_is_editable_and_shown_as_can_quote(api_as, post, alice, bob):
    response = api_as(alice).patch(detail(post.pk), {"quote_policy": "nobody"}, format="json")

    assert (response.status_code, response.json()["quote_policy"]) == (200, "nobody")
    assert response.json()["can_quote"] is True  # Its author may still quote it.
    assert api_as(bob).get(detail(post.pk)).json()["can_quote"] is False


def test_the_quoted_author_detaches_their_post(api_as, post, alice, bob):
    quote = services.post_create(author=bob, body="Quoting", quoted_post=post)
    url = reverse("api:post-detach", kwargs={"post_id": quote.pk})

    assert api_as(bob).post(url).status_code == 403
    response = api_as(alice).post(url)

    assert response.status_code == 200
    assert (response.json()["quote_state"], response.json()["quoted_post"]) == ("detached", None)
    assert api_as(UserFactory()).get(detail(quote.pk)).json()["quote_state"] == "detached"
    assert api_as(alice).post(url).status_code == 200


def test_a_quote_of_a_hidden_post_says_unavailable(api_as, alice, bob, carol):
    post = services.post_create(author=alice, body="Hello")
    quote = services.post_create(author=bob, body="Quoting", quoted_post=post)
    social.block_create(blocker=alice, blocked=carol)

    body = api_as(carol).get(detail(quote.pk)).json()

    assert (body["quote_state"], body["quoted_post"]) == ("unavailable", None)


def test_who_reposted_a_post(api_as, post, alice, bob, carol):
    reposts.repost_create(user=bob, post=post)
    reposts.repost_create(user=carol, post=post)
    social.mute_create(muter=alice, muted=carol)

    response = api_as(alice).get(reverse("api:post-reposts", kwargs={"post_id": post.pk}))

    assert [item["reposted_by"]["username"] for item in response.json()["results"]] == ["bob"]


def test_the_quotes_of_a_post_leave_out_detached_and_hidden_ones(api_as, post, alice, bob, carol):
    shown = services.post_create(author=bob, body="Quoting", quoted_post=post)
    detached = services.post_create(author=carol, body="Me too", quoted_post=post)
    reposts.quote_detach(user=alice, quote=detached)
    services.post_create(author=carol, body="Friends", quoted_post=post, visibility=Post.Visibility.FOLLOWERS)

    response = api_as(alice).get(reverse("api:post-quotes", kwargs={"post_id": post.pk}))

    assert [item["id"] for item in response.json()["results"]] == [shown.pk]


def test_reposts_list_budget(api_as, django_assert_num_queries, post):
    client = api_as(UserFactory())
    reposts.repost_create(user=UserFactory(), post=post)
    url = f"{reverse('api:post-reposts', kwargs={'post_id': post.pk})}?page_size={MANY}"

    assert_query_budget(
        django_assert_num_queries,
        budget=REPOSTS_BUDGET,
        fetch=lambda: client.get(url),
        count_items=lambda response: len(response.json()["results"]),
        add_many=lambda count: [reposts.repost_create(user=UserFactory(), post=post) for _ in range(count)],
    )


def test_quotes_list_budget(api_as, django_assert_num_queries, post):
    client = api_as(UserFactory())
    services.post_create(author=UserFactory(), body="Quoting", quoted_post=post)
    url = f"{reverse('api:post-quotes', kwargs={'post_id': post.pk})}?page_size={MANY}"

    assert_query_budget(
        django_assert_num_queries,
        budget=QUOTES_BUDGET,
        fetch=lambda: client.get(url),
        count_items=lambda response: len(response.json()["results"]),
        add_many=lambda count: [
            services.post_create(author=UserFactory(), body="Quoting", quoted_post=post) for _ in range(count)
        ],
    )
