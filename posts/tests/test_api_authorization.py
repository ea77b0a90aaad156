"""Who may do what through the JSON API: every mutating endpoint tried as each kind of client.

Alice owns what is acted on (her post, her reply, her like, her follow); bob is any other user; the
moderator has the moderator role; anonymous sends no token and is always a 401. Whenever a request is
refused, the whole database state the API can change is compared before and after.
"""

import pytest
from django.urls import reverse

from accounts.models import User
from accounts.tests.helpers import PASSWORD
from posts import services
from posts.models import Like, Post
from social.models import Follow
from social.services import follow_create

ACTORS = ["owner", "other", "moderator", "anonymous"]
ERROR_CODES = {400: "validation_error", 401: "not_authenticated", 403: "permission_denied", 404: "not_found"}


def database_state() -> dict:
    """Everything a refused request must leave alone: rows, bodies and counters."""
    return {
        "users": list(
            User.objects.order_by("pk").values_list(
                "pk", "username", "email", "display_name", "bio", "post_count", "follower_count", "following_count"
            )
        ),
        "posts": list(
            Post.objects.order_by("pk").values_list(
                "pk",
                "author_id",
                "body",
                "visibility",
                "in_reply_to_id",
                "conversation_id",
                "like_count",
                "reply_count",
                "edited_at",
                "removed_at",
            )
        ),
        "likes": list(Like.objects.order_by("pk").values_list("pk", "user_id", "post_id")),
        "follows": list(Follow.objects.order_by("pk").values_list("pk", "follower_id", "followee_id")),
    }


@pytest.fixture
def people(alice, bob, moderator):
    return {"owner": alice, "other": bob, "moderator": moderator, "anonymous": None}


@pytest.fixture
def client_as(api_client, api_as, people):
    """`client_as(actor)`: an API client for one of ACTORS (or a user), with a JWT unless anonymous."""

    def make(actor):
        user = people.get(actor, actor) if isinstance(actor, str) else actor
        return api_client if user is None else api_as(user)

    return make


def assert_refused(response, status: int, before: dict) -> None:
    assert response.status_code == status
    assert response.json()["error"]["code"] == ERROR_CODES[status]
    if status == 401:
        assert response["WWW-Authenticate"].startswith("Bearer")
    assert database_state() == before


@pytest.fixture
def reply(alice, carol):
    """Alice's reply on carol's post: the post's author is not the reply's."""
    carols_post = services.post_create(author=carol, body="Ask me anything")
    return services.post_create(author=alice, body="What is Threadly?", in_reply_to=carols_post)


# Posts ----------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("actor", "status"), [("owner", 201), ("other", 201), ("moderator", 201), ("anonymous", 401)])
def test_create_post(client_as, people, db, actor, status):
    before = database_state()

    response = client_as(actor).post(reverse("api:post-list"), {"body": "Hi"}, format="json")

    if status != 201:
        assert_refused(response, status, before)
        return
    assert response.status_code == 201
    author = people[actor]
    author.refresh_from_db()
    assert list(Post.objects.values_list("author_id", "body")) == [(author.pk, "Hi")]
    assert author.post_count == 1


@pytest.mark.parametrize(("actor", "status"), [("owner", 200), ("other", 403), ("moderator", 403), ("anonymous", 401)])
def test_edit_post(client_as, post, actor, status):
    before = database_state()

    response = client_as(actor).patch(
        reverse("api:post-detail", args=[post.pk]), {"body": "Rewritten", "visibility": "followers"}, format="json"
    )

    if status != 200:
        assert_refused(response, status, before)
        return
    assert response.status_code == 200
    post.refresh_from_db()
    assert (post.body, post.visibility) == ("Rewritten", Post.Visibility.FOLLOWERS)
    assert post.edited_at is not None


@pytest.mark.parametrize(("actor", "status"), [("owner", 204), ("other", 403), ("moderator", 204), ("anonymous", 401)])
def test_delete_post(client_as, alice, bob, carol, post, actor, status):
    services.like_create(user=carol, post=post)
    carols_reply = services.post_create(author=carol, body="First!", in_reply_to=post)
    before = database_state()

    response = client_as(actor).delete(reverse("api:post-detail", args=[post.pk]))

    if status != 204:
        assert_refused(response, status, before)
        return
    assert response.status_code == 204
    assert response.content == b""
    alice.refresh_from_db()
    assert not Post.objects.filter(pk=post.pk).exists()
    assert (Like.objects.count(), alice.post_count) == (0, 0)
    carols_reply.refresh_from_db()
    assert (carols_reply.in_reply_to_id, carols_reply.conversation_id) == (None, post.pk)


@pytest.mark.parametrize(
    ("actor", "status"),
    [("owner", 200), ("follower", 403), ("other", 404), ("moderator", 404), ("anonymous", 401)],
)
def test_edit_followers_only_post(client_as, follower, followers_post, actor, status):
    before = database_state()
    client = client_as(follower if actor == "follower" else actor)

    response = client.patch(reverse("api:post-detail", args=[followers_post.pk]), {"body": "Edited"}, format="json")

    if status != 200:
        assert_refused(response, status, before)
        return
    followers_post.refresh_from_db()
    assert followers_post.body == "Edited"


@pytest.mark.parametrize(
    ("actor", "status"),
    # A moderator who does not follow the author cannot see the post, so cannot delete it either.
    [("owner", 204), ("follower", 403), ("other", 404), ("moderator", 404), ("anonymous", 401)],
)
def test_delete_followers_only_post(client_as, follower, followers_post, actor, status):
    before = database_state()
    client = client_as(follower if actor == "follower" else actor)

    response = client.delete(reverse("api:post-detail", args=[followers_post.pk]))

    if status != 204:
        assert_refused(response, status, before)
        return
    assert not Post.objects.filter(pk=followers_post.pk).exists()


# Likes: each person likes and unlikes for themselves only -------------------------------------------------------------


@pytest.mark.parametrize(("actor", "status"), [("owner", 201), ("other", 201), ("moderator", 201), ("anonymous", 401)])
def test_like_post(client_as, people, post, actor, status):
    before = database_state()

    response = client_as(actor).post(reverse("api:post-like", args=[post.pk]))

    if status != 201:
        assert_refused(response, status, before)
        return
    assert response.json() == {"liked": True, "like_count": 1}
    post.refresh_from_db()
    assert list(Like.objects.values_list("user_id", "post_id")) == [(people[actor].pk, post.pk)]
    assert post.like_count == 1


@pytest.mark.parametrize(("actor", "status"), [("owner", 204), ("other", 204), ("moderator", 204), ("anonymous", 401)])
def test_unlike_post_removes_only_your_own_like(client_as, alice, carol, actor, status):
    carols_post = services.post_create(author=carol, body="Like me")
    services.like_create(user=alice, post=carols_post)
    before = database_state()

    response = client_as(actor).delete(reverse("api:post-like", args=[carols_post.pk]))

    if status != 204:
        assert_refused(response, status, before)
        return
    assert response.status_code == 204
    carols_post.refresh_from_db()
    alice_still_likes = actor != "owner"
    assert Like.objects.filter(user=alice, post=carols_post).exists() is alice_still_likes
    assert carols_post.like_count == int(alice_still_likes)
    if alice_still_likes:
        assert database_state() == before


# Replies --------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("actor", "status"), [("owner", 201), ("other", 201), ("moderator", 201), ("anonymous", 401)])
def test_reply_to_post(client_as, people, post, actor, status):
    before = database_state()

    response = client_as(actor).post(reverse("api:post-list"), {"body": "Hi", "in_reply_to": post.pk}, format="json")

    if status != 201:
        assert_refused(response, status, before)
        return
    post.refresh_from_db()
    replies = Post.objects.exclude(pk=post.pk).values_list("author_id", "in_reply_to_id", "conversation_id", "body")
    assert list(replies) == [(people[actor].pk, post.pk, post.pk, "Hi")]
    assert post.reply_count == 1


@pytest.mark.parametrize(
    ("actor", "status"),
    [("owner", 204), ("other", 403), ("moderator", 204), ("post_author", 403), ("anonymous", 401)],
)
def test_delete_reply(client_as, carol, reply, actor, status):
    before = database_state()
    client = client_as(carol if actor == "post_author" else actor)

    response = client.delete(reverse("api:post-detail", args=[reply.pk]))

    if status != 204:
        assert_refused(response, status, before)
        return
    reply.in_reply_to.refresh_from_db()
    assert not Post.objects.filter(pk=reply.pk).exists()
    assert reply.in_reply_to.reply_count == 0


@pytest.mark.parametrize(
    ("actor", "status"),
    [("owner", 200), ("other", 403), ("moderator", 403), ("post_author", 403), ("anonymous", 401)],
)
def test_edit_reply(client_as, carol, reply, actor, status):
    before = database_state()
    client = client_as(carol if actor == "post_author" else actor)

    response = client.patch(reverse("api:post-detail", args=[reply.pk]), {"body": "Reworded"}, format="json")

    if status != 200:
        assert_refused(response, status, before)
        return
    reply.refresh_from_db()
    assert (reply.body, reply.in_reply_to_id) == ("Reworded", reply.in_reply_to.pk)
    assert response.json()["in_reply_to"] == reply.in_reply_to.pk


# Follows: alice following carol is alice's; following yourself is refused --------------------------------------------


@pytest.mark.parametrize(("actor", "status"), [("owner", 400), ("other", 201), ("moderator", 201), ("anonymous", 401)])
def test_follow_alice(client_as, people, alice, actor, status):
    before = database_state()

    response = client_as(actor).post(reverse("api:user-follow", args=["alice"]))

    if status != 201:
        assert_refused(response, status, before)
        return
    alice.refresh_from_db()
    assert response.json() == {"following": True, "follower_count": 1, "notify_posts": False}
    assert list(Follow.objects.values_list("follower_id", "followee_id")) == [(people[actor].pk, alice.pk)]
    assert alice.follower_count == 1


@pytest.mark.parametrize(("actor", "status"), [("owner", 204), ("other", 204), ("moderator", 204), ("anonymous", 401)])
def test_unfollow_removes_only_your_own_follow(client_as, alice, carol, actor, status):
    follow_create(follower=alice, followee=carol)
    before = database_state()

    response = client_as(actor).delete(reverse("api:user-follow", args=["carol"]))

    if status != 204:
        assert_refused(response, status, before)
        return
    assert response.status_code == 204
    alice.refresh_from_db()
    carol.refresh_from_db()
    alice_still_follows = actor != "owner"
    assert Follow.objects.filter(follower=alice, followee=carol).exists() is alice_still_follows
    assert (alice.following_count, carol.follower_count) == (int(alice_still_follows), int(alice_still_follows))
    if alice_still_follows:
        assert database_state() == before


def test_follow_again_is_200_with_the_same_state(api_as, alice, bob):
    client = api_as(bob)

    first = client.post(reverse("api:user-follow", args=["alice"]))
    second = client.post(reverse("api:user-follow", args=["ALICE"]))

    assert (first.status_code, second.status_code) == (201, 200)
    assert first.json() == second.json() == {"following": True, "follower_count": 1, "notify_posts": False}
    assert Follow.objects.count() == 1


def test_following_an_unknown_user_is_404(api_as, bob):
    assert api_as(bob).post(reverse("api:user-follow", args=["nobody"])).status_code == 404
    assert api_as(bob).delete(reverse("api:user-follow", args=["nobody"])).status_code == 404
    assert not Follow.objects.exists()


def test_a_follow_retried_with_its_key_is_replayed(api_as, alice, bob):
    client = api_as(bob)
    url = reverse("api:user-follow", args=["alice"])

    first = client.post(url, HTTP_IDEMPOTENCY_KEY="follow-1")
    retry = client.post(url, HTTP_IDEMPOTENCY_KEY="follow-1")

    assert (first.status_code, retry.status_code) == (201, 201)
    assert retry["Idempotent-Replayed"] == "true"
    assert retry.json() == first.json()
    assert Follow.objects.count() == 1


# Your account: /users/me is always the requester's own ----------------------------------------------------------------


@pytest.mark.parametrize(("actor", "status"), [("owner", 200), ("other", 200), ("moderator", 200), ("anonymous", 401)])
def test_edit_me_changes_only_your_own_profile(client_as, people, alice, actor, status):
    before = database_state()

    response = client_as(actor).patch(reverse("api:me"), {"display_name": "Renamed"}, format="json")

    if status != 200:
        assert_refused(response, status, before)
        return
    assert response.json()["username"] == people[actor].username
    assert response.json()["display_name"] == "Renamed"
    changed = set(User.objects.filter(display_name="Renamed").values_list("username", flat=True))
    assert changed == {people[actor].username}
    alice.refresh_from_db()
    assert (alice.display_name == "Renamed") is (actor == "owner")


def test_edit_me_cannot_change_your_role_or_counters(api_as, bob):
    response = api_as(bob).patch(
        reverse("api:me"), {"role": User.Role.MODERATOR, "follower_count": 99, "username": "root"}, format="json"
    )

    assert response.status_code == 200
    bob.refresh_from_db()
    assert (bob.role, bob.follower_count, bob.username) == (User.Role.USER, 0, "bob")


@pytest.mark.parametrize(("actor", "status"), [("owner", 204), ("other", 204), ("moderator", 204), ("anonymous", 401)])
def test_delete_me_deletes_only_your_own_account(client_as, people, alice, post, actor, status):
    before = database_state()

    response = client_as(actor).delete(reverse("api:me"), {"password": PASSWORD}, format="json")

    if status != 204:
        assert_refused(response, status, before)
        return
    assert not User.objects.filter(pk=people[actor].pk).exists()
    alice_remains = actor != "owner"
    assert User.objects.filter(pk=alice.pk).exists() is alice_remains
    assert Post.objects.filter(pk=post.pk).exists() is alice_remains


def test_delete_me_with_a_wrong_password_is_400_and_deletes_nothing(api_as, alice, post):
    before = database_state()

    response = api_as(alice).delete(reverse("api:me"), {"password": "not-it"}, format="json")

    assert response.status_code == 400
    assert "password" in response.json()["error"]["fields"]
    assert database_state() == before
