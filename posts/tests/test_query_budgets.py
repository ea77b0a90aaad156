"""The post page costs the same number of queries with one reply and with a full page of them."""

from django.urls import reverse

from accounts.factories import UserFactory
from posts import services
from posts.factories import LikeFactory, ReplyFactory
from posts.tests.helpers import assert_query_budget
from tests.budgets import IMAGES, SESSION_QUERIES

# Session (unless cached), viewer, the post if the viewer may see it, the conversation's skeleton (posts.threads),
# its page of posts with their authors (and the ancestors), the viewer's likes.
POST_DETAIL_BUDGET = SESSION_QUERIES + 5 + 2 * IMAGES  # the post's, the thread's


def test_post_detail_with_replies(client, django_assert_num_queries, settings, post):
    settings.PAGE_SIZE = 30
    viewer = UserFactory()
    LikeFactory(user=viewer, post=post)
    services.post_create(author=viewer, body="first", in_reply_to=post)
    client.force_login(viewer)

    def add_many(count: int) -> None:
        for n in range(count):
            services.post_create(author=UserFactory(), body=f"reply {n}", in_reply_to=post)

    assert_query_budget(
        django_assert_num_queries,
        budget=POST_DETAIL_BUDGET,
        fetch=lambda: client.get(post.get_absolute_url()),
        count_items=lambda response: response.content.decode().count('<li class="thread-reply'),
        add_many=add_many,
    )


# User by token, the post with its author if the viewer may see it, the replies with their authors, the viewer's likes.
REPLIES_API_BUDGET = 4 + 2 * IMAGES  # the post's, the replies'


def test_the_replies_api_with_replies_to_replies(api_as, django_assert_num_queries, post):
    viewer = UserFactory()
    api = api_as(viewer)
    LikeFactory(user=viewer, post=ReplyFactory(in_reply_to=post, author=viewer))

    def replies_with_their_own_replies(count: int) -> None:
        for reply in ReplyFactory.create_batch(count, in_reply_to=post):
            ReplyFactory(in_reply_to=reply)

    assert_query_budget(
        django_assert_num_queries,
        budget=REPLIES_API_BUDGET,
        fetch=lambda: api.get(reverse("api:post-replies", kwargs={"post_id": post.pk}), {"page_size": 30}),
        count_items=lambda response: len(response.json()["results"]),
        add_many=replies_with_their_own_replies,
    )
