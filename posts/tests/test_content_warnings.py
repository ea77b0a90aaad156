"""Content warnings: the post's words fold under the warning (<details>, no script needed), open for a reader
who always expands them, and are not shown unfolded anywhere else: quote cards, search, notifications, titles."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.factories import UserFactory
from notifications.models import Notification
from posts import services
from posts.hydration.renderings import RENDERING_FORMAT
from posts.models import Post
from posts.tests.helpers import MANY, assert_query_budget, assert_warm_query_budget
from social.tests.test_query_budgets import COLD_RENDERINGS, EXPLORE_BUDGET

pytestmark = pytest.mark.django_db
EXPLORE = reverse("social:explore")
CLOSED = '<details class="cw"><summary><span class="cw-label">Content warning:</span> <span dir="auto">Spoilers</span>'
OPENED = CLOSED.replace('class="cw">', 'class="cw" open>')


def folded_body(page: str, post: Post) -> str:
    """The HTML inside the post's fold; fails when the post has none."""
    article = re.search(rf'<article class="post" id="post-{post.pk}">(.*?)</article>', page, re.DOTALL)[1]
    return re.search(r'<details class="cw"[^>]*>(.*?)</details>', article, re.DOTALL)[1]


@pytest.fixture
def warned(alice):
    return services.post_create(author=alice, body="The butler did it", content_warning="Spoilers")


@pytest.fixture
def expander(db):
    return UserFactory(username="expander", expand_content_warnings=True)


def test_a_warning_is_cleaned_to_one_trimmed_line(alice):
    post = services.post_create(author=alice, body="Words", content_warning="  Spoilers\nfor\tthe film \x07 ")

    assert post.content_warning == "Spoilers for the film"
    assert services.post_create(author=alice, body="Words", content_warning="   ").content_warning == ""


def test_a_warning_over_100_characters_is_refused_and_nothing_is_saved(alice):
    with pytest.raises(ValidationError, match="at most 100 characters"):
        services.post_create(author=alice, body="Words", content_warning="x" * 101)

    assert not Post.objects.exists()


def test_the_body_is_folded_under_the_warning_for_a_stranger(client, warned):
    page = client.get(EXPLORE).content.decode()

    assert CLOSED in page
    assert "The butler did it" in folded_body(page, warned)
    assert 'class="post-fold"' in folded_body(page, warned)
    assert "<script" not in folded_body(page, warned)


def test_a_post_without_a_warning_has_no_fold(client, alice):
    services.post_create(author=alice, body="Nothing to hide")

    page = client.get(EXPLORE).content.decode()

    assert "Nothing to hide" in page
    assert "<details" not in page


def test_the_fold_is_open_for_whoever_always_expands(client, warned, expander):
    client.force_login(expander)

    page = client.get(EXPLORE).content.decode()

    assert OPENED in page
    assert "The butler did it" in folded_body(page, warned)


@pytest.mark.redis
def test_one_cached_rendering_folds_for_a_stranger_and_opens_for_the_setting_holder(client, warned, expander):
    """The rendering is cached once for every reader: the open state is filled in at each read."""
    from django_redis import get_redis_connection

    stranger = UserFactory(username="stranger")
    client.force_login(stranger)
    assert CLOSED in client.get(EXPLORE).content.decode()
    redis = get_redis_connection("default")
    [key] = [
        key
        for key in redis.keys(f"*:post:{RENDERING_FORMAT}:html:*")
        if key.endswith(f":{warned.pk}:{warned.version}".encode())
    ]
    cached = redis.get(key)
    assert b"\x00cw-open\x00" in cached
    # Marked, so that each page below must be this very rendering.
    redis.set(key, cached.replace(b"The butler did it", b"The cached butler did it"))

    stranger_page = client.get(EXPLORE).content.decode()
    client.force_login(expander)
    expander_page = client.get(EXPLORE).content.decode()

    assert CLOSED in stranger_page
    assert OPENED not in stranger_page
    assert OPENED in expander_page
    assert "The cached butler did it" in folded_body(stranger_page, warned)
    assert "The cached butler did it" in folded_body(expander_page, warned)
    assert "\x00" not in stranger_page + expander_page


def test_the_thread_page_folds_for_a_stranger_and_opens_for_the_setting_holder(client, warned, expander):
    url = warned.get_absolute_url()

    assert CLOSED in client.get(url).content.decode()
    client.force_login(expander)
    assert OPENED in client.get(url).content.decode()


def test_the_thread_pages_title_shows_the_warning_not_the_words(client, warned):
    title = re.search(r"<title>(.*?)</title>", client.get(warned.get_absolute_url()).content.decode(), re.DOTALL)[1]

    assert "Content warning: Spoilers" in title
    assert "butler" not in title


def test_a_quote_card_folds_the_quoted_posts_words(client, warned, bob):
    quote = services.post_create(author=bob, body="You will not believe this", quoted_post=warned)

    page = client.get(quote.get_absolute_url()).content.decode()
    card = re.search(r'<blockquote class="quote-card".*?</blockquote>', page, re.DOTALL)[0]

    assert "You will not believe this" in page
    assert CLOSED in card
    assert re.search(r"<details.*The butler did it.*</details>", card, re.DOTALL)


def test_search_keeps_the_fold_around_the_highlighted_words(client, warned):
    page = client.get(reverse("search:search"), {"q": "butler"}).content.decode()

    assert CLOSED in page
    assert "<mark>butler</mark>" in folded_body(page, warned)


def test_a_notification_shows_the_warning_instead_of_the_words(client, alice, bob, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.post_create(author=bob, body="@alice the butler did it", content_warning="Spoilers")
    assert Notification.objects.filter(recipient=alice, kind="mention").exists()
    client.force_login(alice)

    page = client.get(reverse("notifications:list")).content.decode()

    assert "Content warning: Spoilers" in page
    assert "butler" not in page


def test_a_reply_notification_quotes_the_warning_of_the_post_replied_to(
    client, alice, bob, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.post_create(
            author=bob,
            body="Shocking",
            in_reply_to=services.post_create(author=alice, body="The butler did it", content_warning="Spoilers"),
        )
    client.force_login(alice)

    page = client.get(reverse("notifications:list")).content.decode()

    assert "Content warning: Spoilers" in page
    assert "butler" not in page


# The composer and the edit page


def test_the_composer_publishes_a_warning(client, alice):
    client.force_login(alice)

    response = client.post(
        reverse("posts:create"), {"body": "Words", "content_warning": "Spoilers", "visibility": "public"}
    )

    assert response.status_code == 302
    assert Post.objects.get().content_warning == "Spoilers"


def test_the_composer_says_when_the_warning_is_too_long(client, alice):
    client.force_login(alice)

    response = client.post(
        reverse("posts:create"), {"body": "Words", "content_warning": "x" * 101, "visibility": "public"}
    )

    assert response.status_code == 400
    assert "at most 100 characters" in response.content.decode()
    assert not Post.objects.exists()


def test_the_edit_page_shows_changes_and_removes_the_warning(client, warned, alice):
    client.force_login(alice)
    url = reverse("posts:edit", args=[warned.pk])
    assert 'value="Spoilers"' in client.get(url).content.decode()

    client.post(url, {"body": warned.body, "content_warning": "Plot", "visibility": "public"})
    warned.refresh_from_db()
    assert (warned.content_warning, warned.edited_at is not None) == ("Plot", True)

    client.post(url, {"body": warned.body, "content_warning": "", "visibility": "public"})
    warned.refresh_from_db()
    assert warned.content_warning == ""


# The "always expand" setting


def test_the_profile_page_saves_the_always_expand_setting(client, alice):
    client.force_login(alice)
    form = {"display_name": "Alice", "bio": "", "email": alice.email, "default_quote_policy": "everyone"}

    client.post(reverse("accounts:profile_edit"), {**form, "expand_content_warnings": "on"})
    alice.refresh_from_db()
    assert alice.expand_content_warnings is True

    client.post(reverse("accounts:profile_edit"), form)
    alice.refresh_from_db()
    assert alice.expand_content_warnings is False


def test_the_api_reads_and_changes_the_always_expand_setting(api_as, alice):
    api = api_as(alice)
    me = reverse("api:me")
    assert api.get(me).json()["expand_content_warnings"] is False

    response = api.patch(me, {"expand_content_warnings": True}, format="json")

    assert (response.status_code, response.json()["expand_content_warnings"]) == (200, True)
    alice.refresh_from_db()
    assert alice.expand_content_warnings is True


# The API


def test_the_api_round_trip_of_a_warning(api_as, alice, bob):
    api = api_as(alice)
    created = api.post(reverse("api:post-list"), {"body": "Words", "content_warning": " Spoilers "}, format="json")
    assert (created.status_code, created.json()["content_warning"]) == (201, "Spoilers")
    detail = reverse("api:post-detail", args=[created.json()["id"]])

    assert api_as(bob).get(detail).json()["content_warning"] == "Spoilers"
    assert api.patch(detail, {"body": "More words"}, format="json").json()["content_warning"] == "Spoilers"
    assert api.patch(detail, {"content_warning": "Plot"}, format="json").json()["content_warning"] == "Plot"
    assert api.patch(detail, {"content_warning": ""}, format="json").json()["content_warning"] == ""


def test_the_api_lists_and_quote_cards_carry_the_warning(api_as, warned, bob):
    services.post_create(author=bob, body="Look", quoted_post=warned)

    results = api_as(bob).get(reverse("api:post-public")).json()["results"]

    assert results[0]["quoted_post"]["content_warning"] == "Spoilers"
    assert results[1]["content_warning"] == "Spoilers"


def test_the_api_refuses_a_warning_too_long(api_as, alice):
    response = api_as(alice).post(
        reverse("api:post-list"), {"body": "Words", "content_warning": "x" * 101}, format="json"
    )

    assert response.status_code == 400
    assert "content_warning" in response.json()["error"]["fields"]
    assert not Post.objects.exists()


# Query budgets: warnings cost nothing more, folded or open, cached or not


def warned_posts(count: int) -> None:
    for author in UserFactory.create_batch(count):
        services.post_create(author=author, body="Hidden words", content_warning="Careful")


def count_open_folds(response) -> int:
    return response.content.decode().count('<details class="cw" open>')


def test_explore_of_warned_posts_costs_the_same_for_one_and_many(client, expander, django_assert_num_queries, settings):
    settings.PAGE_SIZE = MANY
    client.force_login(expander)
    warned_posts(1)

    assert_query_budget(
        django_assert_num_queries,
        budget=EXPLORE_BUDGET + COLD_RENDERINGS,
        fetch=lambda: client.get(EXPLORE),
        count_items=count_open_folds,
        add_many=warned_posts,
    )


@pytest.mark.redis
def test_explore_of_warned_posts_with_warm_renderings(client, expander, django_assert_num_queries, settings):
    settings.PAGE_SIZE = MANY
    client.force_login(expander)
    warned_posts(1)

    assert_warm_query_budget(
        django_assert_num_queries,
        budget=EXPLORE_BUDGET,
        fetch=lambda: client.get(EXPLORE),
        count_items=count_open_folds,
        add_many=warned_posts,
    )
