"""The post page costs the same number of queries with one reply and with a full page of them."""

from django.urls import reverse

from accounts.factories import UserFactory
from posts.factories import LikeFactory, ReplyFactory
from posts.tests.helpers import assert_query_budget

# Session, viewer, the post with its author if the viewer may see it, the viewer's like of it, the replies
# with their authors, the viewer's likes of the replies.
POST_DETAIL_BUDGET = 6


def test_post_detail_with_replies(client, django_assert_num_queries, settings, post):
    settings.PAGE_SIZE = 30
    viewer = UserFactory()
    LikeFactory(user=viewer, post=post)
    ReplyFactory(in_reply_to=post, author=viewer)
    client.force_login(viewer)

    assert_query_budget(
        django_assert_num_queries,
        budget=POST_DETAIL_BUDGET,
        fetch=lambda: client.get(post.get_absolute_url()),
        count_items=lambda response: response.content.decode().count('<li class="reply"'),
        add_many=lambda count: ReplyFactory.create_batch(count, in_reply_to=post),
    )


# User by token, the post with its author if the viewer may see it, the replies with their authors, the viewer's likes.
REPLIES_API_BUDGET = 4


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
