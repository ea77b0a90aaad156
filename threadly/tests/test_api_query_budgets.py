"""Every API list costs the same number of queries with one item and with a full page; single resources are pinned too.

An authenticated request starts with one query: the JWT authentication loads the user by the token's id.
"""

import pytest
from django.urls import reverse

from accounts.factories import UserFactory
from posts.factories import LikeFactory, PostFactory, ReplyFactory
from posts.models import Post
from posts.tests.helpers import MANY, assert_query_budget
from social.factories import FollowFactory
from social.tests.helpers import people_adder
from social.tests.test_query_budgets import home_feed_ready
from tests.budgets import IMAGES
from threadly.api.pagination import NewestFirstPagination, OldestFirstPagination

# Hydrated lists (posts.hydration): the page with the viewer's marks in one query, then the renderings
# not cached yet (all of them in these tests' first reads) in one more.
# user by token, the page (its ids from the feed in Redis, timelines), the renderings
HOME_FEED_BUDGET = 3 + IMAGES
# the page, the renderings (no marks to look up for a visitor)
ANONYMOUS_FEED_BUDGET = 2 + IMAGES
# user by token, the page, the renderings
PUBLIC_FEED_BUDGET = 3 + IMAGES
# user by token, the author with whether they blocked the viewer, the page, the renderings
USER_POSTS_BUDGET = 4 + IMAGES
# user by token, the post with its author if the viewer may see it, the replies the viewer sees, their likes
REPLIES_BUDGET = 4 + 2 * IMAGES  # the post's, the replies'
# user by token, the person, whether they blocked the viewer, follows with their followers, which the viewer follows
FOLLOWERS_BUDGET = 5
# user by token, the person, whether they blocked the viewer, follows with the people followed, which are followed
FOLLOWING_BUDGET = 5
# user by token, the post with its author if the viewer may see it, the like
POST_DETAIL_BUDGET = 3 + IMAGES
# user by token, the person, whether they blocked the viewer, is-following
USER_DETAIL_BUDGET = 4


@pytest.fixture
def viewer(db):
    return UserFactory(username="viewer")


@pytest.fixture
def viewer_api(api_as, viewer):
    """The viewer's API client, authenticated by a real access token."""
    return api_as(viewer)


def count_results(response) -> int:
    return len(response.json()["results"])


def visibility_of(number: int) -> str:
    """Every third item is followers-only, so both kinds are on the page."""
    return Post.Visibility.FOLLOWERS if number % 3 == 0 else Post.Visibility.PUBLIC


def test_a_full_page_holds_many_items():
    """The 'many' measurement only means something if one page shows all of them."""
    assert NewestFirstPagination.page_size >= MANY
    assert OldestFirstPagination.page_size >= MANY


@pytest.mark.redis
def test_home_feed(viewer_api, django_assert_num_queries, viewer):
    def followed_posts_by_new_authors(count: int) -> None:
        """`count` posts by new people the viewer follows; every other one liked."""
        for number in range(count):
            post = PostFactory(visibility=visibility_of(number))
            FollowFactory(follower=viewer, followee=post.author)
            if number % 2 == 0:
                LikeFactory(user=viewer, post=post)
        home_feed_ready(viewer)

    followed_posts_by_new_authors(1)

    assert_query_budget(
        django_assert_num_queries,
        budget=HOME_FEED_BUDGET,
        fetch=lambda: viewer_api.get(reverse("api:post-list")),
        count_items=count_results,
        add_many=followed_posts_by_new_authors,
    )


def public_posts_by_new_authors(count: int, *, liked_by=None) -> None:
    for number, post in enumerate(PostFactory.create_batch(count)):
        if liked_by and number % 2 == 0:
            LikeFactory(user=liked_by, post=post)


def test_anonymous_feed(api_client, django_assert_num_queries, db):
    public_posts_by_new_authors(1)

    assert_query_budget(
        django_assert_num_queries,
        budget=ANONYMOUS_FEED_BUDGET,
        fetch=lambda: api_client.get(reverse("api:post-list")),
        count_items=count_results,
        add_many=public_posts_by_new_authors,
    )


def test_public_feed(viewer_api, django_assert_num_queries, viewer):
    public_posts_by_new_authors(1, liked_by=viewer)

    assert_query_budget(
        django_assert_num_queries,
        budget=PUBLIC_FEED_BUDGET,
        fetch=lambda: viewer_api.get(reverse("api:post-public")),
        count_items=count_results,
        add_many=lambda count: public_posts_by_new_authors(count, liked_by=viewer),
    )


def test_anonymous_public_feed(api_client, django_assert_num_queries, db):
    public_posts_by_new_authors(1)

    assert_query_budget(
        django_assert_num_queries,
        budget=ANONYMOUS_FEED_BUDGET,
        fetch=lambda: api_client.get(reverse("api:post-public")),
        count_items=count_results,
        add_many=public_posts_by_new_authors,
    )


def test_user_posts(viewer_api, django_assert_num_queries, viewer):
    author = UserFactory(username="author")
    FollowFactory(follower=viewer, followee=author)

    def posts_by_author(count: int) -> None:
        for number in range(count):
            post = PostFactory(author=author, visibility=visibility_of(number))
            if number % 2 == 0:
                LikeFactory(user=viewer, post=post)

    posts_by_author(1)

    assert_query_budget(
        django_assert_num_queries,
        budget=USER_POSTS_BUDGET,
        fetch=lambda: viewer_api.get(reverse("api:user-posts", kwargs={"username": "author"})),
        count_items=count_results,
        add_many=posts_by_author,
    )


def test_replies(viewer_api, django_assert_num_queries, viewer):
    author = UserFactory(username="author")
    FollowFactory(follower=viewer, followee=author)
    post = PostFactory(author=author, visibility=Post.Visibility.FOLLOWERS)

    def replies_by_new_authors(count: int) -> None:
        ReplyFactory.create_batch(count, in_reply_to=post)

    replies_by_new_authors(1)

    assert_query_budget(
        django_assert_num_queries,
        budget=REPLIES_BUDGET,
        fetch=lambda: viewer_api.get(reverse("api:post-replies", kwargs={"post_id": post.pk})),
        count_items=count_results,
        add_many=replies_by_new_authors,
    )


def test_followers(viewer_api, django_assert_num_queries, viewer):
    new_followers = people_adder(person=UserFactory(username="popular"), viewer=viewer, followers=True)
    new_followers(1)

    assert_query_budget(
        django_assert_num_queries,
        budget=FOLLOWERS_BUDGET,
        fetch=lambda: viewer_api.get(reverse("api:user-followers", kwargs={"username": "popular"})),
        count_items=count_results,
        add_many=new_followers,
    )


def test_following(viewer_api, django_assert_num_queries, viewer):
    new_followees = people_adder(person=UserFactory(username="keen"), viewer=viewer, followers=False)
    new_followees(1)

    assert_query_budget(
        django_assert_num_queries,
        budget=FOLLOWING_BUDGET,
        fetch=lambda: viewer_api.get(reverse("api:user-following", kwargs={"username": "keen"})),
        count_items=count_results,
        add_many=new_followees,
    )


def test_post_detail(viewer_api, django_assert_num_queries, viewer):
    author = UserFactory(username="author")
    FollowFactory(follower=viewer, followee=author)
    post = PostFactory(author=author, visibility=Post.Visibility.FOLLOWERS)
    LikeFactory(user=viewer, post=post)
    LikeFactory.create_batch(MANY - 1, post=post)
    ReplyFactory.create_batch(MANY, in_reply_to=post)

    with django_assert_num_queries(POST_DETAIL_BUDGET):
        response = viewer_api.get(reverse("api:post-detail", kwargs={"post_id": post.pk}))

    assert response.status_code == 200
    assert response.json()["liked_by_me"] is True


def test_user_detail(viewer_api, django_assert_num_queries, viewer):
    person = UserFactory(username="popular")
    FollowFactory(follower=viewer, followee=person)
    FollowFactory.create_batch(MANY - 1, followee=person)
    FollowFactory.create_batch(MANY, follower=person)

    with django_assert_num_queries(USER_DETAIL_BUDGET):
        response = viewer_api.get(reverse("api:user-detail", kwargs={"username": "popular"}))

    assert response.status_code == 200
    assert response.json()["followed_by_me"] is True
