"""The hashtag page: posts carrying the tag that the viewer may see, newest first."""

import pytest
from django.urls import reverse

from accounts.factories import UserFactory
from posts import services as posts_services
from posts.factories import LikeFactory, PostFactory
from posts.models import Hashtag, Post
from posts.tests.helpers import HTMX, assert_is_fragment, assert_query_budget, post_ids_on
from social import services
from tests.budgets import IMAGES, SESSION_QUERIES

DJANGO = reverse("search:tag", args=["django"])
# session (unless cached), viewer, tagged posts visible to the viewer with their authors, the viewer's likes
TAG_BUDGET = SESSION_QUERIES + 3 + IMAGES


def write(author, body, visibility=Post.Visibility.PUBLIC) -> Post:
    return posts_services.post_create(author=author, body=body, visibility=visibility)


def test_tag_page_lists_tagged_posts_newest_first(client, alice, bob):
    older = write(alice, "Learning #Django")
    write(bob, "Learning #flask")
    newer = write(bob, "More #django, #DJANGO!")

    response = client.get(DJANGO)

    assert response.status_code == 200
    assert "<h1>#django</h1>" in response.content.decode()
    assert post_ids_on(response) == [newer.pk, older.pk]


def test_tag_page_url_is_case_insensitive(client, alice):
    post = write(alice, "#Django")

    response = client.get(reverse("search:tag", args=["DJANGO"]))

    assert post_ids_on(response) == [post.pk]


def test_a_tag_without_posts_shows_an_empty_page(client, db):
    response = client.get(reverse("search:tag", args=["nothing"]))

    assert response.status_code == 200
    assert "No posts with this tag yet." in response.content.decode()


def test_an_edit_that_removes_the_tag_takes_the_post_off_the_page(client, alice):
    post = write(alice, "#django rocks")

    posts_services.post_update(post=post, editor=alice, body="flask rocks", visibility=Post.Visibility.PUBLIC)

    assert post_ids_on(client.get(DJANGO)) == []
    assert Hashtag.objects.filter(name="django").exists()


@pytest.mark.parametrize(
    ("viewer", "sees_followers_post"),
    [("author", True), ("follower", True), ("outsider", False), ("anonymous", False)],
)
def test_followers_only_posts_show_on_the_tag_page_to_the_author_and_followers_only(
    client, alice, bob, viewer, sees_followers_post
):
    follower = UserFactory(username="fan")
    services.follow_create(follower=follower, followee=alice)
    public = write(alice, "Open #django")
    private = write(alice, "Closed #django", Post.Visibility.FOLLOWERS)
    user = {"author": alice, "follower": follower, "outsider": bob, "anonymous": None}[viewer]
    if user is not None:
        client.force_login(user)

    response = client.get(DJANGO)

    assert post_ids_on(response) == ([private.pk, public.pk] if sees_followers_post else [public.pk])


def test_tag_page_pages_with_htmx(client, alice, settings):
    settings.PAGE_SIZE = 2
    posts = [write(alice, f"#django {number}") for number in range(3)]

    first_page = client.get(DJANGO)
    assert post_ids_on(first_page) == [posts[2].pk, posts[1].pk]

    response = client.get(DJANGO, {"before": posts[1].pk}, headers=HTMX)
    assert_is_fragment(response)
    assert post_ids_on(response) == [posts[0].pk]


def test_tag_page_query_budget(client, django_assert_num_queries, settings, db):
    settings.PAGE_SIZE = 30
    viewer = UserFactory(username="viewer")
    client.force_login(viewer)
    tag = Hashtag.objects.create(name="django")

    def tagged_posts_by_new_authors(count: int) -> None:
        for number in range(count):
            visibility = Post.Visibility.FOLLOWERS if number % 3 == 0 else Post.Visibility.PUBLIC
            post = PostFactory(body="#django", visibility=visibility)
            post.hashtags.add(tag)
            if visibility == Post.Visibility.FOLLOWERS:
                services.follow_create(follower=viewer, followee=post.author)
            if number % 2 == 0:
                LikeFactory(user=viewer, post=post)

    tagged_posts_by_new_authors(1)

    assert_query_budget(
        django_assert_num_queries,
        budget=TAG_BUDGET,
        fetch=lambda: client.get(DJANGO),
        count_items=lambda response: len(post_ids_on(response)),
        add_many=tagged_posts_by_new_authors,
    )


def test_the_tag_in_the_address_is_escaped(client, db):
    response = client.get(reverse("search:tag", args=["<script>x"]))

    assert response.status_code == 200
    assert "<script>x" not in response.content.decode()
    assert "&lt;script&gt;x" in response.content.decode()
