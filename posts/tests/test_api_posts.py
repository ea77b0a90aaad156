"""The posts API: publishing, reading, editing and deleting posts, the feeds, their pages, and Idempotency-Key."""

import base64
from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from accounts.factories import UserFactory
from posts import services
from posts.factories import PostFactory
from posts.models import Post
from social.services import follow_create
from threadly.models import IdempotencyKey

POSTS = reverse("api:post-list")
PUBLIC = reverse("api:post-public")


def detail(post_id) -> str:
    return reverse("api:post-detail", kwargs={"post_id": post_id})


def user_posts(username: str) -> str:
    return reverse("api:user-posts", kwargs={"username": username})


def ids_of(response) -> list[int]:
    return [item["id"] for item in response.json()["results"]]


def error_of(response) -> dict:
    return response.json()["error"]


@pytest.fixture
def bob_follows_alice(alice, bob):
    follow_create(follower=bob, followee=alice)


# Publishing -----------------------------------------------------------------------------------------------------------


def test_create_post_answers_201_with_the_post_and_its_location(api_as, alice):
    response = api_as(alice).post(POSTS, {"body": "Hello <b>world</b>"}, format="json")

    assert response.status_code == 201
    post = Post.objects.get()
    assert response["Location"] == f"http://testserver{detail(post.pk)}"
    data = response.json()
    assert data["id"] == post.pk
    assert data["body"] == "Hello <b>world</b>"
    assert data["visibility"] == "public"
    assert data["author"]["username"] == "alice"
    assert (data["like_count"], data["comment_count"], data["liked_by_me"], data["edited_at"]) == (0, 0, False, None)
    alice.refresh_from_db()
    assert alice.post_count == 1


def test_create_post_trims_the_body_and_keeps_a_followers_only_visibility(api_as, alice):
    response = api_as(alice).post(POSTS, {"body": "  just friends  ", "visibility": "followers"}, format="json")

    assert response.status_code == 201
    post = Post.objects.get()
    assert (post.body, post.visibility) == ("just friends", Post.Visibility.FOLLOWERS)


@pytest.mark.parametrize("body", ["", "   \n\t ", None])
def test_create_post_refuses_an_empty_body(api_as, alice, body):
    response = api_as(alice).post(POSTS, {"body": body}, format="json")

    assert response.status_code == 400
    assert error_of(response)["code"] == "validation_error"
    assert "body" in error_of(response)["fields"]
    assert not Post.objects.exists()


def test_create_post_refuses_a_body_over_the_limit_but_takes_one_at_it(api_as, alice, settings):
    client = api_as(alice)

    too_long = client.post(POSTS, {"body": "x" * (settings.POST_MAX_LENGTH + 1)}, format="json")
    at_limit = client.post(POSTS, {"body": "x" * settings.POST_MAX_LENGTH}, format="json")

    assert too_long.status_code == 400
    assert "body" in error_of(too_long)["fields"]
    assert at_limit.status_code == 201
    assert Post.objects.count() == 1


def test_create_post_refuses_an_unknown_visibility(api_as, alice):
    response = api_as(alice).post(POSTS, {"body": "hi", "visibility": "secret"}, format="json")

    assert response.status_code == 400
    assert "visibility" in error_of(response)["fields"]
    assert not Post.objects.exists()


def test_create_post_anonymously_is_401_with_a_bearer_challenge(api_client, db):
    response = api_client.post(POSTS, {"body": "hi"}, format="json")

    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert error_of(response)["code"] == "not_authenticated"
    assert not Post.objects.exists()


def test_creating_posts_is_throttled_by_the_post_scope(api_as, alice, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "post": "2/300"}
    client = api_as(alice)

    statuses = [client.post(POSTS, {"body": f"post {n}"}, format="json").status_code for n in range(3)]

    assert statuses == [201, 201, 429]
    assert Post.objects.count() == 2


# Reading one post -----------------------------------------------------------------------------------------------------


def test_post_representation(api_client, post):
    response = api_client.get(detail(post.pk))

    assert response.status_code == 200
    data = response.json()
    assert set(data) == {
        "id",
        "url",
        "html_url",
        "author",
        "body",
        "html",
        "visibility",
        "like_count",
        "comment_count",
        "liked_by_me",
        "created_at",
        "edited_at",
    }
    assert data["url"] == f"http://testserver{detail(post.pk)}"
    assert data["html_url"] == f"http://testserver{post.get_absolute_url()}"
    assert set(data["author"]) == {"id", "username", "display_name", "avatar_url"}
    assert data["author"]["id"] == post.author_id
    assert data["author"]["avatar_url"] is None
    assert data["body"] == "Hello #threadly"
    assert data["created_at"] is not None


def test_post_html_escapes_markup_and_links_mentions_and_hashtags_absolutely(api_as, alice, bob):
    body = "<script>alert(1)</script> hi @bob #News"
    created = api_as(alice).post(POSTS, {"body": body}, format="json").json()

    html = api_as(alice).get(detail(created["id"])).json()["html"]

    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert f'href="http://testserver{reverse("social:profile", kwargs={"username": "bob"})}"' in html
    assert f'href="http://testserver{reverse("search:tag", kwargs={"tag": "news"})}"' in html
    assert created["body"] == body


def test_a_followers_only_post_is_404_to_anonymous_and_non_followers(api_client, api_as, bob, followers_post):
    for client in (api_client, api_as(bob)):
        response = client.get(detail(followers_post.pk))
        assert response.status_code == 404
        assert error_of(response)["code"] == "not_found"


def test_a_followers_only_post_is_shown_to_its_author_and_followers(api_as, alice, follower, followers_post):
    for user in (alice, follower):
        response = api_as(user).get(detail(followers_post.pk))
        assert response.status_code == 200
        assert response.json()["visibility"] == "followers"


@pytest.mark.parametrize("post_id", ["424242", "999999999999999999", "99999999999999999999999"])
def test_a_missing_or_huge_post_id_is_a_404_in_the_error_envelope(api_client, db, post_id):
    response = api_client.get(f"{POSTS}/{post_id}")

    assert response.status_code == 404
    assert error_of(response)["code"] == "not_found"


# Editing and deleting -------------------------------------------------------------------------------------------------


def test_author_edits_only_the_body(api_as, alice, followers_post):
    response = api_as(alice).patch(detail(followers_post.pk), {"body": "Rewritten #history"}, format="json")

    assert response.status_code == 200
    assert response.json()["body"] == "Rewritten #history"
    assert response.json()["visibility"] == "followers"
    assert response.json()["edited_at"] is not None
    followers_post.refresh_from_db()
    assert followers_post.body == "Rewritten #history"
    assert followers_post.visibility == Post.Visibility.FOLLOWERS
    assert followers_post.edited_at is not None
    assert list(followers_post.hashtags.values_list("name", flat=True)) == ["history"]


def test_author_edits_only_the_visibility(api_as, alice, post):
    response = api_as(alice).patch(detail(post.pk), {"visibility": "followers"}, format="json")

    assert response.status_code == 200
    post.refresh_from_db()
    assert (post.body, post.visibility) == ("Hello #threadly", Post.Visibility.FOLLOWERS)
    assert post.edited_at is not None


@pytest.mark.parametrize(
    "data", [{"body": "   "}, {"body": "x" * (settings.POST_MAX_LENGTH + 1)}, {"visibility": "everyone"}]
)
def test_an_invalid_edit_is_400_and_changes_nothing(api_as, alice, post, data):
    response = api_as(alice).patch(detail(post.pk), data, format="json")

    assert response.status_code == 400
    assert set(error_of(response)["fields"]) == set(data)
    post.refresh_from_db()
    assert (post.body, post.visibility, post.edited_at) == ("Hello #threadly", Post.Visibility.PUBLIC, None)


def test_an_edit_that_changes_nothing_leaves_the_post_unedited(api_as, alice, post):
    response = api_as(alice).patch(detail(post.pk), {"body": post.body}, format="json")

    assert response.status_code == 200
    assert response.json()["edited_at"] is None
    post.refresh_from_db()
    assert post.edited_at is None


def test_someone_elses_post_is_403_even_with_invalid_data(api_as, bob, post):
    response = api_as(bob).patch(detail(post.pk), {"body": ""}, format="json")

    assert response.status_code == 403
    assert error_of(response)["code"] == "permission_denied"


def test_a_deleted_post_is_gone_from_the_api(api_as, alice, post):
    client = api_as(alice)

    assert client.delete(detail(post.pk)).status_code == 204
    assert client.get(detail(post.pk)).status_code == 404
    assert client.delete(detail(post.pk)).status_code == 404


# Feeds ----------------------------------------------------------------------------------------------------------------


@pytest.fixture
def world(alice, bob, carol, bob_follows_alice):
    """Posts by alice (followed by bob), bob himself and carol (a stranger to bob), oldest first."""
    return {
        "alice_public": services.post_create(author=alice, body="alice public"),
        "alice_followers": services.post_create(author=alice, body="alice friends", visibility="followers"),
        "bob_followers": services.post_create(author=bob, body="bob friends", visibility="followers"),
        "carol_public": services.post_create(author=carol, body="carol public"),
        "carol_followers": services.post_create(author=carol, body="carol friends", visibility="followers"),
    }


def test_home_feed_is_followees_and_own_posts_whatever_their_visibility_newest_first(api_as, bob, world):
    response = api_as(bob).get(POSTS)

    assert response.status_code == 200
    assert ids_of(response) == [world["bob_followers"].pk, world["alice_followers"].pk, world["alice_public"].pk]


def test_home_feed_of_an_anonymous_visitor_is_the_public_timeline(api_client, world):
    assert ids_of(api_client.get(POSTS)) == [world["carol_public"].pk, world["alice_public"].pk]


def test_public_feed_has_only_public_posts_even_for_a_follower(api_as, bob, world):
    assert ids_of(api_as(bob).get(PUBLIC)) == [world["carol_public"].pk, world["alice_public"].pk]


def test_feeds_mark_the_posts_the_viewer_liked(api_as, bob, world):
    services.like_create(user=bob, post=world["alice_public"])

    results = api_as(bob).get(POSTS).json()["results"]

    assert {item["id"]: item["liked_by_me"] for item in results} == {
        world["bob_followers"].pk: False,
        world["alice_followers"].pk: False,
        world["alice_public"].pk: True,
    }


@pytest.mark.parametrize(
    ("viewer", "expected"),
    [
        ("anonymous", ["alice_public"]),
        ("carol", ["alice_public"]),
        ("bob", ["alice_followers", "alice_public"]),
        ("alice", ["alice_followers", "alice_public"]),
    ],
)
def test_user_posts_show_followers_only_posts_to_the_author_and_followers(
    api_client, api_as, alice, bob, carol, world, viewer, expected
):
    users = {"alice": alice, "bob": bob, "carol": carol}
    client = api_client if viewer == "anonymous" else api_as(users[viewer])

    response = client.get(user_posts("alice"))

    assert response.status_code == 200
    assert ids_of(response) == [world[name].pk for name in expected]


def test_user_posts_of_an_unknown_user_is_404(api_client, db):
    response = api_client.get(user_posts("nobody"))

    assert response.status_code == 404
    assert error_of(response)["code"] == "not_found"


# Pages ----------------------------------------------------------------------------------------------------------------


def test_following_next_pages_walks_every_post_once_newest_first(api_client, db):
    author = UserFactory()
    posts = [PostFactory(author=author) for _ in range(5)]

    seen, url, pages = [], f"{PUBLIC}?page_size=2", 0
    while url:
        page = api_client.get(url).json()
        seen += [item["id"] for item in page["results"]]
        url, pages = page["next"], pages + 1

    assert pages == 3
    assert seen == [post.pk for post in reversed(posts)]


def test_the_first_page_has_no_previous_link_and_the_second_has_one(api_client, db):
    PostFactory.create_batch(3)

    first = api_client.get(PUBLIC, {"page_size": 2}).json()
    second = api_client.get(first["next"]).json()

    assert first["previous"] is None
    assert second["previous"] is not None
    assert second["next"] is None
    assert [item["id"] for item in api_client.get(second["previous"]).json()["results"]] == [
        item["id"] for item in first["results"]
    ]


def test_the_next_page_is_stable_when_posts_arrive_between_fetches(api_client, alice):
    old = [PostFactory(author=alice) for _ in range(4)]
    first = api_client.get(PUBLIC, {"page_size": 2}).json()
    newer = [PostFactory(author=alice) for _ in range(3)]

    second = api_client.get(first["next"]).json()

    assert [item["id"] for item in first["results"]] == [old[3].pk, old[2].pk]
    assert [item["id"] for item in second["results"]] == [old[1].pk, old[0].pk]
    assert not {post.pk for post in newer} & {item["id"] for item in second["results"]}


def test_page_size_sets_the_page_length(api_client, db):
    PostFactory.create_batch(3)

    assert len(api_client.get(PUBLIC, {"page_size": 1}).json()["results"]) == 1
    assert len(api_client.get(PUBLIC, {"page_size": 100}).json()["results"]) == 3


@pytest.mark.parametrize("page_size", ["0", "101", "-1", "abc", "", "1.5", "²"])
def test_a_page_size_outside_1_to_100_is_400(api_client, db, page_size):
    response = api_client.get(PUBLIC, {"page_size": page_size})

    assert response.status_code == 400
    assert error_of(response)["code"] == "validation_error"
    assert "page_size" in error_of(response)["fields"]


@pytest.mark.parametrize(
    "cursor",
    [
        "not-a-cursor",
        base64.b64encode(b"o=-5").decode(),
        # Well-formed base64 of a cursor querystring whose position is not an id.
        base64.b64encode(b"p=abc").decode(),
    ],
)
def test_a_bad_cursor_is_400(api_client, db, cursor):
    PostFactory.create_batch(2)
    api_client.raise_request_exception = False

    response = api_client.get(PUBLIC, {"cursor": cursor})

    assert response.status_code == 400
    assert error_of(response)["code"] == "validation_error"
    assert "cursor" in error_of(response)["fields"]


# Idempotency-Key ------------------------------------------------------------------------------------------------------


def create(client, body: str, key: str, **data):
    return client.post(POSTS, {"body": body, **data}, format="json", HTTP_IDEMPOTENCY_KEY=key)


def test_a_retry_with_the_same_key_replays_the_first_answer_and_creates_once(api_as, alice):
    client = api_as(alice)

    first = create(client, "Once only", "key-1")
    retry = create(client, "Once only", "key-1")

    assert (first.status_code, retry.status_code) == (201, 201)
    assert retry.json() == first.json()
    assert retry["Location"] == first["Location"]
    assert retry["Idempotent-Replayed"] == "true"
    assert not first.has_header("Idempotent-Replayed")
    assert Post.objects.count() == 1
    alice.refresh_from_db()
    assert alice.post_count == 1


def test_the_same_key_with_a_different_body_is_422(api_as, alice):
    client = api_as(alice)
    create(client, "First", "key-1")

    response = create(client, "Second", "key-1")

    assert response.status_code == 422
    assert error_of(response)["code"] == "idempotency_key_reused"
    assert list(Post.objects.values_list("body", flat=True)) == ["First"]


def test_a_retry_that_spells_the_same_json_differently_still_replays(api_as, alice):
    client = api_as(alice)
    first = client.post(
        POSTS, '{"body": "Same", "visibility": "public"}', content_type="application/json", HTTP_IDEMPOTENCY_KEY="key-1"
    )

    retry = client.post(
        POSTS, '{"visibility":"public","body":"Same"}', content_type="application/json", HTTP_IDEMPOTENCY_KEY="key-1"
    )

    assert (first.status_code, retry.status_code) == (201, 201)
    assert retry["Idempotent-Replayed"] == "true"
    assert Post.objects.count() == 1


def test_keys_belong_to_one_user(api_as, alice, bob):
    create(api_as(alice), "Same words", "shared-key")

    response = create(api_as(bob), "Same words", "shared-key")

    assert response.status_code == 201
    assert not response.has_header("Idempotent-Replayed")
    assert response.json()["author"]["username"] == "bob"
    assert sorted(Post.objects.values_list("author__username", flat=True)) == ["alice", "bob"]


def test_a_key_can_create_again_once_it_has_expired(api_as, alice, settings):
    client = api_as(alice)
    first = create(client, "Daily", "key-1")
    IdempotencyKey.objects.update(created_at=timezone.now() - settings.IDEMPOTENCY_KEY_TTL - timedelta(seconds=1))

    again = create(client, "Daily", "key-1")

    assert again.status_code == 201
    assert not again.has_header("Idempotent-Replayed")
    assert again.json()["id"] != first.json()["id"]
    assert Post.objects.count() == 2


def test_a_key_just_inside_its_lifetime_still_replays(api_as, alice, settings):
    client = api_as(alice)
    create(client, "Daily", "key-1")
    IdempotencyKey.objects.update(created_at=timezone.now() - settings.IDEMPOTENCY_KEY_TTL + timedelta(minutes=1))

    again = create(client, "Daily", "key-1")

    assert again["Idempotent-Replayed"] == "true"
    assert Post.objects.count() == 1


def test_a_refused_create_does_not_use_up_its_key(api_as, alice):
    client = api_as(alice)

    refused = create(client, "   ", "key-1")
    corrected = create(client, "Now with words", "key-1")

    assert refused.status_code == 400
    assert corrected.status_code == 201
    assert not corrected.has_header("Idempotent-Replayed")
    assert list(Post.objects.values_list("body", flat=True)) == ["Now with words"]
    assert IdempotencyKey.objects.count() == 1


@pytest.mark.parametrize("key", ["", "k" * 256, "clé"])
def test_an_unusable_key_is_400_and_creates_nothing(api_as, alice, key):
    response = create(api_as(alice), "hi", key)

    assert response.status_code == 400
    assert "Idempotency-Key" in error_of(response)["fields"]
    assert not Post.objects.exists()
