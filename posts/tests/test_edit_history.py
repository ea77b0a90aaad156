"""Edit history: each edit keeps the version it replaced; the history page and API show them newest first
to whoever may see the post, in a fixed number of queries."""

import pytest
from django.urls import reverse

from accounts.factories import UserFactory
from posts import services
from posts.models import Post, PostEdit
from posts.tests.helpers import MANY
from social.services import block_create, follow_create
from tests.budgets import IMAGES, SESSION_QUERIES
from tests.races import race

pytestmark = pytest.mark.django_db


def edit(post: Post, body: str, **changes) -> Post:
    return services.post_update(
        post=post, editor=post.author, body=body, visibility=changes.pop("visibility", post.visibility), **changes
    )


def history_url(post: Post) -> str:
    return reverse("posts:history", args=[post.pk])


def api_history_url(post: Post) -> str:
    return reverse("api:post-history", args=[post.pk])


def kept(post: Post) -> list[tuple[str, str, str]]:
    return list(PostEdit.objects.filter(post=post).order_by("id").values_list("body", "content_warning", "visibility"))


def test_each_edit_keeps_the_version_it_replaced(post, alice):
    written = post.created_at
    edit(post, "Second words")
    first_edit = Post.objects.get(pk=post.pk).edited_at
    edit(post, "Second words", content_warning="Spoilers")
    edit(post, "Second words", content_warning="Spoilers", visibility="followers")

    assert kept(post) == [
        ("Hello #threadly", "", "public"),
        ("Second words", "", "public"),
        ("Second words", "Spoilers", "public"),
    ]
    versions = list(PostEdit.objects.filter(post=post).order_by("id"))
    assert versions[0].written_at == written
    assert versions[1].written_at == first_edit
    assert all(version.image_ids == [] for version in versions)


def test_saving_unchanged_or_changing_only_settings_keeps_no_version(post, alice):
    edit(post, "Hello #threadly")
    edit(post, "Hello #threadly", reply_policy="following", quote_policy="nobody")
    edit(post, "  Hello #threadly  ", content_warning=None)

    assert kept(post) == []
    post.refresh_from_db()
    assert (post.edited_at, post.reply_policy) == (None, "following")


def test_a_refused_edit_keeps_no_version(post, bob):
    with pytest.raises(Exception, match="Only the author"):
        services.post_update(post=post, editor=bob, body="Hijacked", visibility="public")

    assert kept(post) == []


def test_the_edit_page_keeps_the_version_it_replaced(client, post, alice):
    client.force_login(alice)

    client.post(reverse("posts:edit", args=[post.pk]), {"body": "New words", "visibility": "public"})

    assert kept(post) == [("Hello #threadly", "", "public")]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_edits_at_once_keep_both_previous_versions_in_order(alice):
    post = services.post_create(author=alice, body="First")

    results = race(
        lambda: edit(Post.objects.get(pk=post.pk), "Second A"), lambda: edit(Post.objects.get(pk=post.pk), "Second B")
    )

    assert not [result for result in results if isinstance(result, Exception)]
    post.refresh_from_db()
    bodies = [body for body, _, _ in kept(post)]
    # Whichever went second replaced the first one's words, not the original's.
    assert bodies[0] == "First"
    assert sorted([bodies[1], post.body]) == ["Second A", "Second B"]


# The page


def test_edited_links_to_the_history_page(client, post):
    assert history_url(post) not in client.get(post.get_absolute_url()).content.decode()
    edit(post, "New words")

    page = client.get(post.get_absolute_url()).content.decode()

    assert f'<a class="meta" href="{history_url(post)}"' in page
    assert "· edited" in page


def test_the_history_page_lists_versions_newest_first(client, post):
    edit(post, "Second words with @bob <b>bold</b>")
    edit(post, "Third words", content_warning="Spoilers")
    UserFactory(username="bob")

    page = client.get(history_url(post)).content.decode()

    assert page.index("Current version") < page.index("Second words") < page.index("Hello")
    assert page.index("Third words") < page.index("Second words")
    assert "&lt;b&gt;bold&lt;/b&gt;" in page
    assert 'href="/@bob"' in page
    assert 'href="/tags/threadly/"' in page
    assert '<details class="cw"><summary>' in page


def test_the_history_page_of_an_unedited_post_says_there_is_nothing_earlier(client, post):
    page = client.get(history_url(post)).content.decode()

    assert "Current version" in page
    assert "no earlier versions" in page


def test_the_history_page_pages_older_versions(client, post, settings):
    settings.PAGE_SIZE = 2
    for number in range(3):
        edit(post, f"Version {number}")

    first = client.get(history_url(post))
    older = first.context["page"].next_cursor
    second = client.get(history_url(post), {"before": older}).content.decode()

    assert [version.body for version in first.context["page"].items] == ["Version 1", "Version 0"]
    assert "Hello" in second
    assert "Current version" not in second


# Who may see it


@pytest.fixture
def stranger(db):
    return UserFactory(username="stranger")


def assert_hidden(client, api, post):
    assert client.get(history_url(post)).status_code == 404
    assert api.get(api_history_url(post)).status_code == 404


def test_a_followers_only_posts_history_is_for_its_followers(client, api_as, followers_post, follower, stranger):
    edit(followers_post, "Still for friends")
    client.force_login(stranger)
    assert_hidden(client, api_as(stranger), followers_post)

    client.force_login(follower)
    assert client.get(history_url(followers_post)).status_code == 200
    assert len(api_as(follower).get(api_history_url(followers_post)).json()["results"]) == 1


def test_a_blocked_person_cannot_read_the_history(client, api_as, post, alice, bob):
    edit(post, "New words")
    block_create(blocker=alice, blocked=bob)
    client.force_login(bob)

    assert_hidden(client, api_as(bob), post)


def test_a_removed_posts_history_is_hidden(client, api_client, post):
    edit(post, "New words")
    services.post_remove(post=post)

    assert_hidden(client, api_client, post)


# The API


def test_the_api_lists_versions_newest_first(api_client, post, bob):
    edit(post, "Hi @bob <i>you</i>", content_warning="Spoilers")
    edit(post, "Third", content_warning="")

    results = api_client.get(api_history_url(post)).json()["results"]

    assert [item["body"] for item in results] == ["Hi @bob <i>you</i>", "Hello #threadly"]
    assert set(results[0]) == {
        "id",
        "content_warning",
        "body",
        "html",
        "visibility",
        "image_ids",
        "created_at",
        "replaced_at",
    }
    assert results[0]["content_warning"] == "Spoilers"
    assert results[0]["image_ids"] == []
    assert "&lt;i&gt;you&lt;/i&gt;" in results[0]["html"]
    assert 'href="http://testserver/@bob"' in results[0]["html"]


def test_a_repost_rows_history_is_its_originals(api_client, client, post, bob):
    from posts import reposts

    edit(post, "New words")
    reposts.repost_create(user=bob, post=post)
    row = Post.objects.get(repost_of=post)

    assert [item["body"] for item in api_client.get(api_history_url(row)).json()["results"]] == ["Hello #threadly"]
    assert "Hello" in client.get(history_url(row)).content.decode()


# Query budgets: the same with one version and with a page of them


def add_versions(post: Post, count: int) -> None:
    for _ in range(count):
        number = PostEdit.objects.filter(post=post).count()
        edit(post, f"Version {number} for @bob and @carol #tag{number}")


# session, user, the post and its images, its versions, the mentions of the post and of its versions
HISTORY_PAGE_BUDGET = SESSION_QUERIES + 5 + IMAGES
# user by token, the post and its images, its versions, their mentions
HISTORY_API_BUDGET = 4 + IMAGES


@pytest.fixture
def mentioning(alice, bob, carol):
    return services.post_create(author=alice, body="Hi @bob and @carol")


def test_the_history_page_costs_the_same_with_one_version_and_many(
    client, django_assert_num_queries, mentioning, bob, settings
):
    post = mentioning
    settings.PAGE_SIZE = MANY
    client.force_login(bob)
    add_versions(post, 1)
    with django_assert_num_queries(HISTORY_PAGE_BUDGET):
        assert len(client.get(history_url(post)).context["page"].items) == 1
    add_versions(post, MANY - 1)
    with django_assert_num_queries(HISTORY_PAGE_BUDGET):
        assert len(client.get(history_url(post)).context["page"].items) == MANY


def test_the_history_api_costs_the_same_with_one_version_and_many(api_as, django_assert_num_queries, mentioning, bob):
    post, api = mentioning, api_as(bob)
    add_versions(post, 1)
    with django_assert_num_queries(HISTORY_API_BUDGET):
        assert len(api.get(api_history_url(post)).json()["results"]) == 1
    add_versions(post, MANY - 1)
    with django_assert_num_queries(HISTORY_API_BUDGET):
        assert len(api.get(api_history_url(post), {"page_size": MANY}).json()["results"]) == MANY


def test_a_follower_sees_the_history_of_a_followers_only_post_once_followed(client, followers_post, stranger):
    edit(followers_post, "New words")
    client.force_login(stranger)
    assert client.get(history_url(followers_post)).status_code == 404

    follow_create(follower=stranger, followee=followers_post.author)

    assert client.get(history_url(followers_post)).status_code == 200
