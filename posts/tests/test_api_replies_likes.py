"""The API's likes and replies: idempotent liking, replies oldest first, and who may see and delete them."""

import pytest
from django.conf import settings
from django.urls import reverse

from posts import services
from posts.models import Comment, Like, Post
from posts.tests.helpers import detail, error_of
from threadly.models import IdempotencyKey


def like_url(post_id) -> str:
    return reverse("api:post-like", kwargs={"post_id": post_id})


def comments_url(post_id) -> str:
    return reverse("api:post-comments", kwargs={"post_id": post_id})


def comment_url(comment_id) -> str:
    return reverse("api:comment-detail", kwargs={"comment_id": comment_id})


def counts_of(post: Post) -> tuple[int, int]:
    post.refresh_from_db()
    return post.like_count, post.reply_count


# Likes ----------------------------------------------------------------------------------------------------------------


def test_first_like_is_201_and_a_second_is_200_with_the_same_state(api_as, bob, post):
    client = api_as(bob)

    first = client.post(like_url(post.pk))
    second = client.post(like_url(post.pk))

    assert first.status_code == 201
    assert first["Location"] == f"http://testserver{detail(post.pk)}"
    assert second.status_code == 200
    assert first.json() == second.json() == {"liked": True, "like_count": 1}
    assert Like.objects.filter(user=bob, post=post).count() == 1
    assert counts_of(post) == (1, 0)


def test_like_count_counts_every_liker(api_as, bob, carol, post):
    api_as(bob).post(like_url(post.pk))

    response = api_as(carol).post(like_url(post.pk))

    assert response.json() == {"liked": True, "like_count": 2}
    assert counts_of(post) == (2, 0)


def test_a_liked_post_reads_as_liked_by_me_for_the_liker_only(api_as, bob, carol, post):
    api_as(bob).post(like_url(post.pk))

    assert api_as(bob).get(detail(post.pk)).json()["liked_by_me"] is True
    assert api_as(carol).get(detail(post.pk)).json()["liked_by_me"] is False


def test_unlike_is_204_and_idempotent(api_as, bob, post):
    client = api_as(bob)
    client.post(like_url(post.pk))

    first = client.delete(like_url(post.pk))
    second = client.delete(like_url(post.pk))

    assert (first.status_code, second.status_code) == (204, 204)
    assert not Like.objects.exists()
    assert counts_of(post) == (0, 0)


def test_like_and_unlike_of_a_post_hidden_from_the_user_are_404(api_as, bob, follower, followers_post):
    client = api_as(bob)

    assert client.post(like_url(followers_post.pk)).status_code == 404
    assert client.delete(like_url(followers_post.pk)).status_code == 404
    assert not Like.objects.exists()
    assert counts_of(followers_post) == (0, 0)
    assert api_as(follower).post(like_url(followers_post.pk)).status_code == 201


def test_liking_a_missing_post_is_404(api_as, bob):
    response = api_as(bob).post(like_url(424242))

    assert response.status_code == 404
    assert error_of(response)["code"] == "not_found"


def test_a_like_retried_with_its_key_is_replayed(api_as, bob, post):
    client = api_as(bob)

    first = client.post(like_url(post.pk), HTTP_IDEMPOTENCY_KEY="like-1")
    retry = client.post(like_url(post.pk), HTTP_IDEMPOTENCY_KEY="like-1")

    assert (first.status_code, retry.status_code) == (201, 201)
    assert retry["Idempotent-Replayed"] == "true"
    assert retry.json() == first.json()
    assert Like.objects.count() == 1


# Replies --------------------------------------------------------------------------------------------------------------


def test_reply_is_201_with_its_location_and_raises_the_reply_count(api_as, bob, post):
    response = api_as(bob).post(comments_url(post.pk), {"body": "  Nice one  "}, format="json")

    assert response.status_code == 201
    comment = Comment.objects.get()
    assert response["Location"] == f"http://testserver{comment_url(comment.pk)}"
    assert comment.body == "Nice one"
    assert (comment.author, comment.post) == (bob, post)
    assert counts_of(post) == (0, 1)
    assert api_as(bob).get(detail(post.pk)).json()["reply_count"] == 1


def test_reply_representation(api_as, bob, post):
    data = api_as(bob).post(comments_url(post.pk), {"body": "<script>x</script> @alice"}, format="json").json()

    comment = Comment.objects.get()
    assert set(data) == {
        "id",
        "url",
        "post",
        "post_url",
        "author",
        "body",
        "html",
        "can_delete",
        "can_report",
        "created_at",
    }
    assert (data["can_delete"], data["can_report"]) == (True, False)
    assert data["id"] == comment.pk
    assert data["url"] == f"http://testserver{comment_url(comment.pk)}"
    assert data["post"] == post.pk
    assert data["post_url"] == f"http://testserver{detail(post.pk)}"
    assert data["author"]["username"] == "bob"
    assert "<script>" not in data["html"]
    assert "&lt;script&gt;" in data["html"]
    assert 'class="mention"' in data["html"]


@pytest.mark.parametrize("body", ["", "   ", "x" * (settings.COMMENT_MAX_LENGTH + 1)])
def test_an_empty_or_overlong_reply_is_400_and_adds_nothing(api_as, bob, post, body):
    response = api_as(bob).post(comments_url(post.pk), {"body": body}, format="json")

    assert response.status_code == 400
    assert "body" in error_of(response)["fields"]
    assert not Comment.objects.exists()
    assert counts_of(post) == (0, 0)


def test_replies_are_listed_oldest_first_a_page_at_a_time(api_client, alice, bob, post):
    comments = [services.comment_create(post=post, author=bob, body=f"reply {n}") for n in range(3)]

    first = api_client.get(comments_url(post.pk), {"page_size": 2}).json()
    second = api_client.get(first["next"]).json()

    assert [item["id"] for item in first["results"]] == [comments[0].pk, comments[1].pk]
    assert [item["id"] for item in second["results"]] == [comments[2].pk]
    assert second["next"] is None


def test_replies_list_only_the_post_s_own_replies(api_client, alice, bob, post):
    other_post = services.post_create(author=alice, body="Another")
    mine = services.comment_create(post=post, author=bob, body="here")
    services.comment_create(post=other_post, author=bob, body="there")

    assert [item["id"] for item in api_client.get(comments_url(post.pk)).json()["results"]] == [mine.pk]


def test_replies_of_a_hidden_post_are_404_to_read_and_to_write(api_client, api_as, alice, bob, followers_post):
    services.comment_create(post=followers_post, author=alice, body="Secret reply")

    assert api_client.get(comments_url(followers_post.pk)).status_code == 404
    assert api_as(bob).get(comments_url(followers_post.pk)).status_code == 404
    assert api_as(bob).post(comments_url(followers_post.pk), {"body": "Hi"}, format="json").status_code == 404
    assert Comment.objects.count() == 1
    assert counts_of(followers_post) == (0, 1)


def test_a_follower_reads_and_replies_to_a_followers_only_post(api_as, alice, follower, followers_post):
    services.comment_create(post=followers_post, author=alice, body="Secret reply")
    client = api_as(follower)

    assert len(client.get(comments_url(followers_post.pk)).json()["results"]) == 1
    assert client.post(comments_url(followers_post.pk), {"body": "Hi"}, format="json").status_code == 201
    assert counts_of(followers_post) == (0, 2)


def test_one_reply_reads_the_same_as_when_created(api_client, api_as, bob, post):
    created = api_as(bob).post(comments_url(post.pk), {"body": "Hi"}, format="json").json()

    response = api_as(bob).get(comment_url(created["id"]))

    assert response.status_code == 200
    assert response.json() == created
    as_visitor = api_client.get(comment_url(created["id"])).json()
    assert as_visitor == {**created, "can_delete": False, "can_report": False}


def test_a_reply_on_a_hidden_post_is_404(api_client, api_as, bob, follower, followers_post):
    comment = services.comment_create(post=followers_post, author=follower, body="Hi")

    assert api_client.get(comment_url(comment.pk)).status_code == 404
    assert api_as(bob).get(comment_url(comment.pk)).status_code == 404
    assert api_as(follower).get(comment_url(comment.pk)).status_code == 200


def test_a_missing_reply_is_404(api_as, bob):
    assert api_as(bob).get(comment_url(424242)).status_code == 404
    assert api_as(bob).delete(comment_url(424242)).status_code == 404


def test_deleting_a_reply_lowers_the_reply_count(api_as, bob, post):
    comment = services.comment_create(post=post, author=bob, body="Oops")

    response = api_as(bob).delete(comment_url(comment.pk))

    assert response.status_code == 204
    assert not Comment.objects.exists()
    assert counts_of(post) == (0, 0)
    assert api_as(bob).get(comment_url(comment.pk)).status_code == 404


def test_the_post_s_author_may_not_delete_someone_else_s_reply(api_as, alice, bob, post):
    comment = services.comment_create(post=post, author=bob, body="My reply")

    response = api_as(alice).delete(comment_url(comment.pk))

    assert response.status_code == 403
    assert error_of(response)["code"] == "permission_denied"
    assert Comment.objects.filter(pk=comment.pk).exists()
    assert counts_of(post) == (0, 1)


def test_a_moderator_who_cannot_see_the_post_gets_404_deleting_a_reply(api_as, moderator, follower, followers_post):
    comment = services.comment_create(post=followers_post, author=follower, body="Hi")

    response = api_as(moderator).delete(comment_url(comment.pk))

    assert response.status_code == 404
    assert Comment.objects.filter(pk=comment.pk).exists()
    assert counts_of(followers_post) == (0, 1)


def test_a_reply_retried_with_its_key_is_created_once(api_as, bob, post):
    client = api_as(bob)

    def send(body):
        return client.post(comments_url(post.pk), {"body": body}, format="json", HTTP_IDEMPOTENCY_KEY="reply-1")

    first, retry, changed = send("Hi"), send("Hi"), send("Hello")

    assert (first.status_code, retry.status_code) == (201, 201)
    assert retry.json() == first.json()
    assert retry["Location"] == first["Location"]
    assert retry["Idempotent-Replayed"] == "true"
    assert changed.status_code == 422
    assert error_of(changed)["code"] == "idempotency_key_reused"
    assert Comment.objects.count() == 1
    assert counts_of(post) == (0, 1)


def test_a_key_used_on_one_post_cannot_reply_to_another(api_as, alice, bob, post):
    other_post = services.post_create(author=alice, body="Another")
    client = api_as(bob)
    client.post(comments_url(post.pk), {"body": "Hi"}, format="json", HTTP_IDEMPOTENCY_KEY="reply-1")

    response = client.post(comments_url(other_post.pk), {"body": "Hi"}, format="json", HTTP_IDEMPOTENCY_KEY="reply-1")

    assert response.status_code == 422
    assert list(Comment.objects.values_list("post_id", flat=True)) == [post.pk]


def test_a_reply_refused_as_hidden_does_not_keep_its_key(api_as, bob, followers_post):
    response = api_as(bob).post(
        comments_url(followers_post.pk), {"body": "Hi"}, format="json", HTTP_IDEMPOTENCY_KEY="reply-1"
    )

    assert response.status_code == 404
    assert not IdempotencyKey.objects.exists()
