"""Every list page costs the same number of queries with one item and with a full page."""

import pytest
from django.urls import reverse

from accounts.factories import UserFactory
from posts.factories import LikeFactory, PostFactory
from posts.models import Post
from posts.tests.helpers import assert_query_budget, post_ids_on
from social.factories import FollowFactory
from social.tests.helpers import people_adder

# Each page: session, viewer, then what the page itself needs (listed per budget).
# home: followee ids, posts with their authors, the viewer's likes among them
HOME_BUDGET = 5
# explore: posts with their authors, the viewer's likes among them
EXPLORE_BUDGET = 4
# profile owner, blocks and mutes between them, is-following, posts, likes
PROFILE_BUDGET = 7
# profile owner, whether they blocked the viewer, follows with their followers, which the viewer follows
FOLLOWERS_BUDGET = 6


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


def test_home(client, django_assert_num_queries, viewer):
    followed_posts_by_new_authors(viewer, 1)

    assert_query_budget(
        django_assert_num_queries,
        budget=HOME_BUDGET,
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
        budget=EXPLORE_BUDGET,
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
        budget=PROFILE_BUDGET,
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
