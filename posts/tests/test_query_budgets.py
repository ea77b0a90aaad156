"""The post page costs the same number of queries with one reply and with a full page of them."""

from accounts.factories import UserFactory
from posts import services
from posts.factories import LikeFactory
from posts.tests.helpers import assert_query_budget

# Session, viewer, the post if the viewer may see it, the conversation's skeleton (posts.threads),
# its page of posts with their authors (and the ancestors), the viewer's likes.
POST_DETAIL_BUDGET = 6


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
