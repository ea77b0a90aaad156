"""Every list page costs the same number of queries with one item and with a full page."""

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.factories import UserFactory
from accounts.models import User
from posts.factories import LikeFactory, PostFactory
from posts.models import Post
from posts.tests.helpers import assert_query_budget, assert_warm_query_budget, post_ids_on
from social.factories import FollowFactory
from social.tests.helpers import people_adder
from tests.budgets import IMAGES, SESSION_QUERIES
from timelines.fanout import pulled_author_ids
from timelines.rebuild import home_feed_rebuild

# Each page: the session (read from the database unless Redis caches it), the viewer, then what the
# page itself needs.
# Hydrated lists (posts.hydration) read their page, the viewer's marks and the counters in one query;
# a cold rendering cache adds one query for the posts not rendered yet.
# home (from its feed in Redis, timelines): the page
HOME_BUDGET = SESSION_QUERIES + 2
# explore: the page
EXPLORE_BUDGET = SESSION_QUERIES + 2
# The Posts tab's first page reads the pinned posts (hydrated: one query, and their renderings).
PINNED_POSTS = 1
# profile (Posts tab): its owner with blocks, mutes and the follow between them, the pinned posts, the page
PROFILE_BUDGET = SESSION_QUERIES + 3 + PINNED_POSTS
# profile, "Posts and replies" tab: no pinned posts there
PROFILE_REPLIES_BUDGET = PROFILE_BUDGET - PINNED_POSTS
# The posts not rendered yet, and their images.
COLD_RENDERINGS = 1 + IMAGES
# landing (a visitor's `/`, no session): the page
LANDING_BUDGET = 1
# profile owner, whether they blocked the viewer, follows with their followers, which the viewer follows
FOLLOWERS_BUDGET = SESSION_QUERIES + 5


@pytest.fixture
def viewer(client, settings, db):
    settings.PAGE_SIZE = 30
    user = UserFactory(username="viewer")
    client.force_login(user)
    return user


def count_posts(response) -> int:
    return len(post_ids_on(response))


def count_people(response) -> int:
    return response.content.decode().count('<li class="person">')


def followed_posts_by_new_authors(viewer, count: int) -> None:
    """`count` posts by people the viewer follows, every other one liked, every third followers-only."""
    for number in range(count):
        visibility = Post.Visibility.FOLLOWERS if number % 3 == 0 else Post.Visibility.PUBLIC
        post = PostFactory(visibility=visibility)
        FollowFactory(follower=viewer, followee=post.author)
        if number % 2 == 0:
            LikeFactory(user=viewer, post=post)
    home_feed_ready(viewer)


def home_feed_ready(viewer) -> None:
    """The viewer's home feed holds what they follow, and timelines' list of pulled authors is cached,
    as for a reader who comes back within the hour: the page reads its ids from Redis."""
    User.objects.filter(pk=viewer.pk).update(last_active_at=timezone.now())
    viewer.refresh_from_db(fields=["last_active_at"])
    home_feed_rebuild(viewer)
    pulled_author_ids()


@pytest.mark.redis
def test_home(client, django_assert_num_queries, viewer):
    followed_posts_by_new_authors(viewer, 1)

    assert_query_budget(
        django_assert_num_queries,
        budget=HOME_BUDGET + COLD_RENDERINGS,
        fetch=lambda: client.get(reverse("social:home")),
        count_items=count_posts,
        add_many=lambda count: followed_posts_by_new_authors(viewer, count),
    )


def test_explore(client, django_assert_num_queries, viewer):
    def public_posts_by_new_authors(count: int) -> None:
        for number, post in enumerate(PostFactory.create_batch(count)):
            if number % 2 == 0:
                LikeFactory(user=viewer, post=post)

    public_posts_by_new_authors(1)

    assert_query_budget(
        django_assert_num_queries,
        budget=EXPLORE_BUDGET + COLD_RENDERINGS,
        fetch=lambda: client.get(reverse("social:explore")),
        count_items=count_posts,
        add_many=public_posts_by_new_authors,
    )


def test_profile(client, django_assert_num_queries, viewer):
    author = UserFactory(username="author")
    FollowFactory(follower=viewer, followee=author)

    def posts_by_author(count: int) -> None:
        for number in range(count):
            visibility = Post.Visibility.FOLLOWERS if number % 3 == 0 else Post.Visibility.PUBLIC
            post = PostFactory(author=author, visibility=visibility)
            if number % 2 == 0:
                LikeFactory(user=viewer, post=post)

    posts_by_author(1)

    assert_query_budget(
        django_assert_num_queries,
        budget=PROFILE_BUDGET + COLD_RENDERINGS,
        fetch=lambda: client.get(reverse("social:profile", args=["author"])),
        count_items=count_posts,
        add_many=posts_by_author,
    )


def test_followers_list(client, django_assert_num_queries, viewer):
    new_followers = people_adder(person=UserFactory(username="popular"), viewer=viewer, followers=True)
    new_followers(1)

    assert_query_budget(
        django_assert_num_queries,
        budget=FOLLOWERS_BUDGET,
        fetch=lambda: client.get(reverse("social:followers", args=["popular"])),
        count_items=count_people,
        add_many=new_followers,
    )


@pytest.mark.redis
def test_home_with_warm_renderings(client, django_assert_num_queries, viewer):
    followed_posts_by_new_authors(viewer, 1)
    assert_warm_query_budget(
        django_assert_num_queries,
        budget=HOME_BUDGET,
        fetch=lambda: client.get(reverse("social:home")),
        count_items=count_posts,
        add_many=lambda count: followed_posts_by_new_authors(viewer, count),
    )


@pytest.mark.redis
def test_explore_with_warm_renderings(client, django_assert_num_queries, viewer):
    def liked_public_posts(count: int) -> None:
        for post in PostFactory.create_batch(count):
            LikeFactory(user=viewer, post=post)

    liked_public_posts(1)
    assert_warm_query_budget(
        django_assert_num_queries,
        budget=EXPLORE_BUDGET,
        fetch=lambda: client.get(reverse("social:explore")),
        count_items=count_posts,
        add_many=liked_public_posts,
    )


@pytest.mark.redis
@pytest.mark.parametrize("with_replies", [False, True], ids=["posts", "posts and replies"])
def test_profile_with_warm_renderings(client, django_assert_num_queries, viewer, with_replies):
    author = UserFactory(username="author")
    FollowFactory(follower=viewer, followee=author)
    url = reverse("social:profile", args=["author"]) + ("?with_replies=1" if with_replies else "")

    def posts_by_author(count: int) -> None:
        for number in range(count):
            post = PostFactory(author=author, visibility=Post.Visibility.FOLLOWERS if number % 3 else "public")
            if number % 2 == 0:
                LikeFactory(user=viewer, post=post)

    posts_by_author(1)
    assert_warm_query_budget(
        django_assert_num_queries,
        budget=PROFILE_REPLIES_BUDGET if with_replies else PROFILE_BUDGET,
        fetch=lambda: client.get(url),
        count_items=count_posts,
        add_many=posts_by_author,
    )


def test_landing(client, django_assert_num_queries, db):
    """A visitor's `/` shows a few public posts: the page and the cold renderings, whatever their number."""
    from social.views import LANDING_POSTS

    PostFactory()
    with django_assert_num_queries(LANDING_BUDGET + COLD_RENDERINGS):
        response = client.get(reverse("social:home"))
    assert count_posts(response) == 1
    PostFactory.create_batch(LANDING_POSTS)
    with django_assert_num_queries(LANDING_BUDGET + COLD_RENDERINGS):
        response = client.get(reverse("social:home"))
    assert count_posts(response) == LANDING_POSTS
