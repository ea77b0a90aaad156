"""The profile's Media tab, page and API: the person's visible posts and replies with images, by the
profile's rule, paged by cursor, in constant queries."""

import pytest
from django.urls import reverse

from accounts.factories import UserFactory
from images.factories import ImageFactory
from posts import services
from posts.models import Post
from posts.tests.helpers import assert_query_budget, post_ids_on
from social import services as social
from social.tests.test_query_budgets import COLD_RENDERINGS, PROFILE_REPLIES_BUDGET
from threadly.tests.test_api_query_budgets import USER_POSTS_BUDGET


def with_image(author, body: str, **fields) -> Post:
    return services.post_create(author=author, body=body, image_ids=[ImageFactory(uploader=author).pk], **fields)


@pytest.fixture
def ana_world(db):
    """ana's posts, with and without images; fay follows her, bea is blocked by her."""
    ana, fay, bea, oli = (UserFactory(username=name) for name in ("ana", "fay", "bea", "oli"))
    social.follow_create(follower=fay, followee=ana)
    social.block_create(blocker=ana, blocked=bea)
    other = with_image(oli, "oli's picture")
    posts = {
        "public": with_image(ana, "public picture"),
        "followers": with_image(ana, "for followers", visibility=Post.Visibility.FOLLOWERS),
        "words": services.post_create(author=ana, body="only words"),
        "reply": with_image(ana, "a reply with a picture", in_reply_to=other),
    }
    services.post_create(author=ana, body="quoting a picture", quoted_post=other)
    return {"people": {"ana": ana, "fay": fay, "bea": bea, "oli": oli}, "posts": posts}


# Who sees which of ana's posts with images; None: a 404 (she blocked them).
MEDIA = {
    "anonymous": "reply public",
    "fay": "reply followers public",
    "oli": "reply public",
    "ana": "reply followers public",
    "bea": None,
}


def test_the_media_tab_shows_the_same_posts_through_both_doors(ana_world, client, api_as, api_client):
    posts = ana_world["posts"]
    for viewer, names in MEDIA.items():
        expected = None if names is None else sorted((posts[name].pk for name in names.split()), reverse=True)
        client.logout()
        api = api_client
        if viewer != "anonymous":
            api = api_as(ana_world["people"][viewer])
            client.force_login(ana_world["people"][viewer])
        page = client.get("/@ana", {"media": "1"})
        in_api = api.get(reverse("api:user-posts", args=["ana"]), {"media": "true"})
        if expected is None:
            assert (page.status_code, in_api.status_code) == (404, 404), viewer
            continue
        assert post_ids_on(page) == [item["id"] for item in in_api.json()["results"]] == expected, viewer


def test_the_media_tab_is_marked_as_the_current_tab(ana_world, client):
    html = client.get("/@ana", {"media": "1"}).content.decode()

    assert '<a href="/@ana?media=1" aria-current="page">Media</a>' in html
    assert "No posts with images" not in html


def test_the_media_tab_pages_by_cursor(db, client, settings):
    settings.PAGE_SIZE = 2
    ana = UserFactory(username="ana")
    posts = [with_image(ana, f"picture {number}") for number in range(3)]

    first = client.get("/@ana", {"media": "1"})
    assert post_ids_on(first) == [posts[2].pk, posts[1].pk]
    second = client.get("/@ana", {"media": "1", "before": posts[1].pk})
    assert post_ids_on(second) == [posts[0].pk]


def pictures_by(author, count: int) -> None:
    for number in range(count):
        with_image(author, f"picture {number}")


def test_the_media_tab_keeps_its_budget(db, client, django_assert_num_queries, settings):
    settings.PAGE_SIZE = 30
    author = UserFactory(username="author")
    client.force_login(UserFactory())
    pictures_by(author, 1)

    assert_query_budget(
        django_assert_num_queries,
        budget=PROFILE_REPLIES_BUDGET + COLD_RENDERINGS,  # No pinned posts there; cold renderings read images.
        fetch=lambda: client.get(reverse("social:profile", args=["author"]), {"media": "1"}),
        count_items=lambda response: len(post_ids_on(response)),
        add_many=lambda count: pictures_by(author, count),
    )


def test_the_media_tab_in_the_api_keeps_its_budget(api_as, django_assert_num_queries, settings):
    settings.PAGE_SIZE = 30
    author = UserFactory(username="author")
    api = api_as(UserFactory())
    pictures_by(author, 1)

    assert_query_budget(
        django_assert_num_queries,
        budget=USER_POSTS_BUDGET,
        fetch=lambda: api.get(reverse("api:user-posts", args=["author"]), {"media": "true"}),
        count_items=lambda response: len(response.json()["results"]),
        add_many=lambda count: pictures_by(author, count),
    )
