"""The home timeline and Explore: who sees what, in which order, one page at a time."""

import pytest
from django.urls import reverse

from posts import services as posts_services
from posts.models import Post
from posts.tests.helpers import HTMX, assert_is_fragment, post_ids_on
from social import services
from social.views import LANDING_POSTS

HOME = reverse("social:home")
EXPLORE = reverse("social:explore")


@pytest.fixture
def alice_client(client, alice):
    client.force_login(alice)
    return client


def write(author, body="A post", visibility=Post.Visibility.PUBLIC) -> Post:
    return posts_services.post_create(author=author, body=body, visibility=visibility)


def test_home_shows_own_and_followed_posts_newest_first(alice_client, alice, bob, carol):
    services.follow_create(follower=alice, followee=bob)
    first = write(bob, "bob's public post")
    mine = write(alice, "my own post")
    write(carol, "carol is not followed")
    last = write(bob, "bob's private post", Post.Visibility.FOLLOWERS)

    response = alice_client.get(HOME)

    assert response.status_code == 200
    assert post_ids_on(response) == [last.pk, mine.pk, first.pk]
    assert "carol is not followed" not in response.content.decode()


def test_home_of_someone_who_follows_nobody_shows_their_own_posts_only(alice_client, alice, bob):
    mine = write(alice)
    write(bob)

    assert post_ids_on(alice_client.get(HOME)) == [mine.pk]


def test_home_says_so_when_it_is_empty(alice_client):
    response = alice_client.get(HOME)

    assert "Your timeline is empty." in response.content.decode()


def test_home_shows_the_compose_form(alice_client):
    response = alice_client.get(HOME)

    assert f'action="{reverse("posts:create")}"' in response.content.decode()


def test_a_visitor_lands_on_what_threadly_is_with_a_taste_of_public_posts(client, alice, bob):
    services.follow_create(follower=bob, followee=alice)
    shown = [write(alice, f"public {number}") for number in range(LANDING_POSTS + 1)]
    write(alice, "for followers only", Post.Visibility.FOLLOWERS)
    posts_services.post_create(author=bob, body="a reply stays in its thread", in_reply_to=shown[0])

    response = client.get(HOME)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Threadly is where short posts become conversations." in html
    assert f'href="{reverse("accounts:signup")}"' in html and f'href="{reverse("accounts:login")}"' in html
    assert post_ids_on(response) == [post.pk for post in reversed(shown)][:LANDING_POSTS]
    assert "for followers only" not in html and "a reply stays in its thread" not in html
    # Read-only: no buttons that would act for a viewer.
    assert 'class="like-form"' not in html and 'class="bookmark-form"' not in html


def test_a_member_keeps_their_home_at_the_root(alice_client):
    response = alice_client.get(HOME)

    assert response.status_code == 200
    assert "Threadly is where short posts become conversations." not in response.content.decode()


def test_home_pages_older_posts_with_a_cursor(alice_client, alice, settings):
    settings.PAGE_SIZE = 2
    posts = [write(alice, f"post {number}") for number in range(5)]
    newest_first = [post.pk for post in reversed(posts)]

    first_page = alice_client.get(HOME)
    assert post_ids_on(first_page) == newest_first[:2]
    assert f'href="?before={newest_first[1]}"' in first_page.content.decode()

    second_page = alice_client.get(HOME, {"before": newest_first[1]})
    assert post_ids_on(second_page) == newest_first[2:4]
    assert f'href="?before={newest_first[3]}"' in second_page.content.decode()

    last_page = alice_client.get(HOME, {"before": newest_first[3]})
    assert post_ids_on(last_page) == newest_first[4:]
    assert "Older posts" not in last_page.content.decode()


def test_older_posts_with_htmx_answer_just_the_next_page(alice_client, alice, settings):
    settings.PAGE_SIZE = 2
    posts = [write(alice, f"post {number}") for number in range(5)]

    response = alice_client.get(HOME, {"before": posts[3].pk}, headers=HTMX)

    assert_is_fragment(response)
    assert post_ids_on(response) == [posts[2].pk, posts[1].pk]
    content = response.content.decode()
    assert f'hx-get="?before={posts[1].pk}"' in content
    assert 'class="compose' not in content


@pytest.mark.parametrize("url", [HOME, EXPLORE])
@pytest.mark.parametrize("cursor", ["yesterday", "-1", "1.5", "²", "1" * 20])
def test_a_malformed_cursor_is_a_400(alice_client, url, cursor):
    assert alice_client.get(url, {"before": cursor}).status_code == 400


def test_explore_is_open_to_anonymous_visitors(client, alice, bob):
    older = write(alice, "hello from alice")
    newer = write(bob, "hello from bob")

    response = client.get(EXPLORE)

    assert response.status_code == 200
    assert post_ids_on(response) == [newer.pk, older.pk]
    assert 'class="like-form"' not in response.content.decode()


def test_explore_pages_with_htmx(client, alice, settings):
    settings.PAGE_SIZE = 1
    older, newer = write(alice, "old"), write(alice, "new")

    first_page = client.get(EXPLORE)
    assert post_ids_on(first_page) == [newer.pk]

    response = client.get(EXPLORE, {"before": newer.pk}, headers=HTMX)
    assert_is_fragment(response)
    assert post_ids_on(response) == [older.pk]
    assert "Older posts" not in response.content.decode()


def test_explore_marks_the_posts_the_viewer_liked(alice_client, alice, bob):
    liked, other = write(bob, "liked"), write(bob, "not liked")
    posts_services.like_create(user=alice, post=liked)

    content = alice_client.get(EXPLORE).content.decode()

    liked_article = content[content.index(f'id="post-{liked.pk}"') :]
    other_article = content[content.index(f'id="post-{other.pk}"') : content.index(f'id="post-{liked.pk}"')]
    assert f'action="{reverse("posts:unlike", args=[liked.pk])}"' in liked_article
    assert f'action="{reverse("posts:like", args=[other.pk])}"' in other_article
