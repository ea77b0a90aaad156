"""The post page costs the same number of queries with one reply and with a full page of them."""

from accounts.factories import UserFactory
from posts.factories import CommentFactory, LikeFactory
from posts.tests.helpers import assert_query_budget

# Session, viewer, the post with its author if the viewer may see it, viewer's like, replies with their authors.
POST_DETAIL_BUDGET = 5


def test_post_detail_with_replies(client, django_assert_num_queries, settings, post):
    settings.PAGE_SIZE = 30
    viewer = UserFactory()
    LikeFactory(user=viewer, post=post)
    CommentFactory(post=post, author=viewer)
    client.force_login(viewer)

    assert_query_budget(
        django_assert_num_queries,
        budget=POST_DETAIL_BUDGET,
        fetch=lambda: client.get(post.get_absolute_url()),
        count_items=lambda response: response.content.decode().count('<li class="comment"'),
        add_many=lambda count: CommentFactory.create_batch(count, post=post),
    )
