"""Avatars through the pipeline: lists draw the small thumbnail (never the upload), and the lists'
query budgets stay constant with an avatar on every item."""

import re

import pytest
from django.urls import reverse

from accounts import services as accounts
from accounts.factories import UserFactory
from images.factories import ImageFactory
from images.models import Image
from images.processing import AVATAR_THUMBNAIL_SIDE
from images.tests.pictures import picture, uploaded
from posts import services as posts
from posts.factories import PostFactory
from posts.tests.helpers import assert_query_budget, post_ids_on
from social.factories import FollowFactory
from social.tests.test_query_budgets import COLD_RENDERINGS, EXPLORE_BUDGET, FOLLOWERS_BUDGET
from tests.budgets import IMAGES

pytestmark = pytest.mark.django_db


def with_avatar(user):
    """`user` wearing a processed avatar, as the profile service sets one."""
    accounts.user_update_profile(user=user, avatar_image=ImageFactory(uploader=user, purpose=Image.Purpose.AVATAR))
    return user


def avatar_sources(response) -> list[str]:
    return re.findall(r'<img class="avatar[^"]*" src="([^"]+)"', response.content.decode())


def test_a_3000px_avatar_is_drawn_from_its_small_thumbnail_in_every_list(
    client, alice, bob, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        accounts.user_profile_image_upload(
            user=alice, field="avatar_image", upload=uploaded(picture(3000, 3000, "JPEG"), name="big.jpg")
        )
    alice.refresh_from_db()
    avatar = alice.avatar_image
    assert avatar.state == Image.State.READY
    assert (avatar.thumbnail_width, avatar.thumbnail_height) == (AVATAR_THUMBNAIL_SIDE, AVATAR_THUMBNAIL_SIDE)
    assert (avatar.width, avatar.height) == (2048, 2048)
    posts.post_create(author=alice, body="Hello from alice")
    FollowFactory(follower=alice, followee=bob)
    thumbnail = avatar.thumbnail.url

    pages = [
        client.get(reverse("social:explore")),
        client.get(reverse("social:followers", args=["bob"])),
        client.get(reverse("social:profile", args=["alice"])),
    ]

    for page in pages:
        assert page.status_code == 200
        assert thumbnail in avatar_sources(page)
        assert avatar.file.url not in page.content.decode()
    assert f'<img class="avatar" src="{thumbnail}" alt="" width="40" height="40"' in pages[0].content.decode()


def test_the_posts_of_someone_whose_avatar_becomes_ready_render_again_with_it(
    client, alice, django_capture_on_commit_callbacks
):
    post = posts.post_create(author=alice, body="Before my avatar")
    # Uploaded without its processing (the task runs later, on the media queue).
    accounts.user_profile_image_upload(user=alice, field="avatar_image", upload=uploaded(picture(50, 50)))
    assert avatar_sources(client.get(reverse("social:explore"))) == []
    version = type(post).objects.get(pk=post.pk).version

    with django_capture_on_commit_callbacks(execute=True):
        from images import pipeline

        pipeline.image_process(image_id=alice.avatar_image_id)

    assert type(post).objects.get(pk=post.pk).version > version
    alice.refresh_from_db()
    assert avatar_sources(client.get(reverse("social:explore"))) == [alice.avatar_image.thumbnail.url]


@pytest.fixture
def viewer(client, settings, db):
    settings.PAGE_SIZE = 30
    user = UserFactory(username="viewer")
    client.force_login(user)
    return user


def test_explore_with_an_avatar_on_every_author(client, django_assert_num_queries, viewer):
    def posts_by_new_authors_with_avatars(count: int) -> None:
        for _ in range(count):
            PostFactory(author=with_avatar(UserFactory()))

    posts_by_new_authors_with_avatars(1)

    assert_query_budget(
        django_assert_num_queries,
        budget=EXPLORE_BUDGET + COLD_RENDERINGS,
        fetch=lambda: client.get(reverse("social:explore")),
        count_items=lambda response: len(post_ids_on(response)),
        add_many=posts_by_new_authors_with_avatars,
    )


def test_the_followers_list_with_an_avatar_on_everyone(client, django_assert_num_queries, viewer):
    popular = UserFactory(username="popular")

    def followers_with_avatars(count: int) -> None:
        for _ in range(count):
            FollowFactory(follower=with_avatar(UserFactory()), followee=popular)

    followers_with_avatars(1)

    assert_query_budget(
        django_assert_num_queries,
        budget=FOLLOWERS_BUDGET,
        fetch=lambda: client.get(reverse("social:followers", args=["popular"])),
        count_items=lambda response: len(avatar_sources(response)),
        add_many=followers_with_avatars,
    )


# User by token, the page with its authors and their avatars, the renderings not cached yet and their images.
API_PUBLIC_COLD = 3 + IMAGES


def test_the_public_api_feed_with_an_avatar_on_every_author(api_as, django_assert_num_queries, viewer):
    api = api_as(viewer)

    def posts_by_new_authors_with_avatars(count: int) -> None:
        for _ in range(count):
            PostFactory(author=with_avatar(UserFactory()))

    posts_by_new_authors_with_avatars(1)

    def fetch():
        from django.core.cache import cache

        cache.clear()
        return api.get(reverse("api:post-public"), {"page_size": 30})

    assert_query_budget(
        django_assert_num_queries,
        budget=API_PUBLIC_COLD,
        fetch=fetch,
        count_items=lambda response: sum(1 for item in response.json()["results"] if item["author"]["avatar_url"]),
        add_many=posts_by_new_authors_with_avatars,
    )


# User by token, the person, whether they blocked the viewer, the page of follows with the followers
# and their pictures, which of them the viewer follows.
API_FOLLOWERS = 5


def test_the_followers_api_with_an_avatar_and_a_header_on_everyone(api_as, django_assert_num_queries, viewer):
    popular = UserFactory(username="popular")
    api = api_as(viewer)

    def followers_with_pictures(count: int) -> None:
        for _ in range(count):
            follower = with_avatar(UserFactory())
            header = ImageFactory(uploader=follower, purpose=Image.Purpose.HEADER)
            accounts.user_update_profile(user=follower, header_image=header)
            FollowFactory(follower=follower, followee=popular)

    followers_with_pictures(1)

    assert_query_budget(
        django_assert_num_queries,
        budget=API_FOLLOWERS,
        fetch=lambda: api.get(reverse("api:user-followers", kwargs={"username": "popular"}), {"page_size": 30}),
        count_items=lambda response: sum(
            1 for person in response.json()["results"] if person["avatar_url"] and person["header"]["url"]
        ),
        add_many=followers_with_pictures,
    )
