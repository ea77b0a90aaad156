"""The API's likes and replies: idempotent liking; replying with `POST /posts {in_reply_to}`, the replies
listed oldest first, and who may see, reply and delete them."""

import pytest
from django.conf import settings
from django.urls import reverse

from posts import reposts, services
from posts.models import Like, MovedComment, Post
from posts.tests.helpers import POSTS, detail, error_of
from threadly.models import IdempotencyKey


def like_url(post_id) -> str:
    return reverse("api:post-like", kwargs={"post_id": post_id})


def replies_url(post_id) -> str:
    return reverse("api:post-replies", kwargs={"post_id": post_id})


def reply(client, post_id, body: str = "Hi", **headers):
    """Reply to a post through the API."""
    return client.post(POSTS, {"body": body, "in_reply_to": post_id}, format="json", headers=headers)


def replies_to(post: Post) -> list[Post]:
    return list(Post.objects.filter(in_reply_to=post).order_by("pk"))


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


def test_liking_through_a_repost_row_answers_with_the_reposted_post_s_state(api_as, bob, carol, post):
    """The row's id likes the post it reposts, as the page's button does; the answer is that post's."""
    reposts.repost_create(user=carol, post=post)
    row = Post.objects.get(author=carol, repost_of=post)

    response = api_as(bob).post(like_url(row.pk))

    assert response.json() == {"liked": True, "like_count": 1}
    assert response["Location"] == f"http://testserver{detail(post.pk)}"
    assert counts_of(post) == (1, 0)


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
    response = reply(api_as(bob), post.pk, "  Nice one  ")

    assert response.status_code == 201
    created = Post.objects.get(in_reply_to=post)
    assert response["Location"] == f"http://testserver{detail(created.pk)}"
    assert (created.body, created.author, created.conversation_id) == ("Nice one", bob, post.pk)
    assert counts_of(post) == (0, 1)
    assert api_as(bob).get(detail(post.pk)).json()["reply_count"] == 1


def test_reply_representation_is_a_post_s(api_as, bob, post):
    data = reply(api_as(bob), post.pk, "<script>x</script> @alice").json()

    created = Post.objects.get(in_reply_to=post)
    assert data["id"] == created.pk
    assert (data["in_reply_to"], data["conversation"]) == (post.pk, post.pk)
    assert data["url"] == f"http://testserver{detail(created.pk)}"
    assert data["html_url"] == f"http://testserver{created.get_absolute_url()}"
    assert (data["can_edit"], data["can_delete"], data["can_report"], data["can_reply"]) == (True, True, False, True)
    assert (data["like_count"], data["reply_count"], data["liked_by_me"]) == (0, 0, False)
    assert data["author"]["username"] == "bob"
    assert "<script>" not in data["html"]
    assert "&lt;script&gt;" in data["html"]
    assert 'class="mention"' in data["html"]
    assert api_as(bob).get(detail(post.pk)).json()["in_reply_to"] is None


def test_replies_to_replies_carry_the_conversation_of_the_first_post(api_as, alice, bob, carol, post):
    first = reply(api_as(bob), post.pk, "first").json()
    second = reply(api_as(carol), first["id"], "second").json()
    third = reply(api_as(alice), second["id"], "third").json()

    assert [item["in_reply_to"] for item in (first, second, third)] == [post.pk, first["id"], second["id"]]
    assert {item["conversation"] for item in (first, second, third)} == {post.pk}
    assert [api_as(bob).get(detail(item["id"])).json()["reply_count"] for item in (first, second, third)] == [1, 1, 0]
    assert counts_of(post) == (0, 1)


@pytest.mark.parametrize("body", ["", "   ", "x" * (settings.POST_MAX_LENGTH + 1)])
def test_an_empty_or_overlong_reply_is_400_and_adds_nothing(api_as, bob, post, body):
    response = reply(api_as(bob), post.pk, body)

    assert response.status_code == 400
    assert "body" in error_of(response)["fields"]
    assert replies_to(post) == []
    assert counts_of(post) == (0, 0)


@pytest.mark.parametrize("in_reply_to", [424242, 0, "abc", 1.5, True, 10**18])
def test_a_reply_to_no_such_post_is_a_400_field_error(api_as, bob, post, in_reply_to):
    response = api_as(bob).post(POSTS, {"body": "Hi", "in_reply_to": in_reply_to}, format="json")

    assert response.status_code == 400
    assert error_of(response)["code"] == "validation_error"
    assert list(error_of(response)["fields"]) == ["in_reply_to"]
    assert list(Post.objects.all()) == [post]


def test_a_reply_to_a_post_hidden_from_the_user_is_the_same_400(api_as, bob, follower, followers_post):
    response = reply(api_as(bob), followers_post.pk)

    assert response.status_code == 400
    assert error_of(response)["fields"] == {"in_reply_to": ["No such post."]}
    assert replies_to(followers_post) == []
    assert counts_of(followers_post) == (0, 0)
    bob.refresh_from_db()
    assert bob.post_count == 0


def test_anonymous_cannot_reply(api_client, post):
    response = reply(api_client, post.pk)

    assert response.status_code == 401
    assert replies_to(post) == []


def test_replies_are_listed_oldest_first_a_page_at_a_time(api_client, alice, bob, post):
    replies = [services.post_create(author=bob, body=f"reply {n}", in_reply_to=post) for n in range(3)]

    first = api_client.get(replies_url(post.pk), {"page_size": 2}).json()
    second = api_client.get(first["next"]).json()

    assert [item["id"] for item in first["results"]] == [replies[0].pk, replies[1].pk]
    assert [item["id"] for item in second["results"]] == [replies[2].pk]
    assert second["next"] is None
    assert first["results"][0]["in_reply_to"] == post.pk


def test_replies_list_only_the_post_s_own_direct_replies(api_client, alice, bob, post):
    other_post = services.post_create(author=alice, body="Another")
    mine = services.post_create(author=bob, body="here", in_reply_to=post)
    services.post_create(author=bob, body="there", in_reply_to=other_post)
    deeper = services.post_create(author=alice, body="below", in_reply_to=mine)

    assert [item["id"] for item in api_client.get(replies_url(post.pk)).json()["results"]] == [mine.pk]
    assert [item["id"] for item in api_client.get(replies_url(mine.pk)).json()["results"]] == [deeper.pk]


def test_replies_of_a_hidden_post_are_404_to_read_and_400_to_write(api_client, api_as, alice, bob, followers_post):
    services.post_create(author=alice, body="Secret reply", in_reply_to=followers_post)

    assert api_client.get(replies_url(followers_post.pk)).status_code == 404
    assert api_as(bob).get(replies_url(followers_post.pk)).status_code == 404
    assert reply(api_as(bob), followers_post.pk).status_code == 400
    assert len(replies_to(followers_post)) == 1
    assert counts_of(followers_post) == (0, 1)


def test_a_follower_reads_and_replies_to_a_followers_only_post(api_as, alice, follower, followers_post):
    services.post_create(author=alice, body="Secret reply", in_reply_to=followers_post)
    client = api_as(follower)

    assert len(client.get(replies_url(followers_post.pk)).json()["results"]) == 1
    assert reply(client, followers_post.pk).status_code == 201
    assert counts_of(followers_post) == (0, 2)


def test_a_public_reply_to_a_followers_only_post_is_hidden_with_it(api_client, api_as, bob, follower, followers_post):
    data = {"body": "Public words", "in_reply_to": followers_post.pk, "visibility": "public"}
    created = api_as(follower).post(POSTS, data, format="json").json()
    assert created["visibility"] == "public"

    assert api_client.get(detail(created["id"])).status_code == 404
    assert api_as(bob).get(detail(created["id"])).status_code == 404
    assert api_as(bob).get(replies_url(created["id"])).status_code == 404
    assert reply(api_as(bob), created["id"]).status_code == 400
    assert api_as(follower).get(detail(created["id"])).status_code == 200


def test_one_reply_reads_the_same_as_when_created(api_client, api_as, bob, post):
    created = reply(api_as(bob), post.pk).json()

    response = api_as(bob).get(detail(created["id"]))

    assert response.status_code == 200
    assert response.json() == created
    as_visitor = api_client.get(detail(created["id"])).json()
    actions = ("can_edit", "can_delete", "can_report", "can_reply", "can_repost", "can_quote")
    flags = {**dict.fromkeys(actions, False), "reply_refusal": "Log in to reply."}
    assert as_visitor == {**created, **flags}


def test_deleting_a_reply_lowers_the_reply_count(api_as, bob, post):
    created = services.post_create(author=bob, body="Oops", in_reply_to=post)

    response = api_as(bob).delete(detail(created.pk))

    assert response.status_code == 204
    assert replies_to(post) == []
    assert counts_of(post) == (0, 0)
    assert api_as(bob).get(detail(created.pk)).status_code == 404


def test_the_post_s_author_may_not_delete_someone_else_s_reply(api_as, alice, bob, post):
    created = services.post_create(author=bob, body="My reply", in_reply_to=post)

    response = api_as(alice).delete(detail(created.pk))

    assert response.status_code == 403
    assert error_of(response)["code"] == "permission_denied"
    assert replies_to(post) == [created]
    assert counts_of(post) == (0, 1)


def test_a_moderator_who_cannot_see_the_post_gets_404_deleting_a_reply(api_as, moderator, follower, followers_post):
    created = services.post_create(author=follower, body="Hi", in_reply_to=followers_post)

    response = api_as(moderator).delete(detail(created.pk))

    assert response.status_code == 404
    assert replies_to(followers_post) == [created]
    assert counts_of(followers_post) == (0, 1)


def test_a_reply_retried_with_its_key_is_created_once(api_as, bob, post):
    client = api_as(bob)

    first, retry = (
        reply(client, post.pk, "Hi", idempotency_key="reply-1"),
        reply(client, post.pk, "Hi", idempotency_key="reply-1"),
    )
    changed = reply(client, post.pk, "Hello", idempotency_key="reply-1")

    assert (first.status_code, retry.status_code) == (201, 201)
    assert retry.json() == first.json()
    assert retry["Location"] == first["Location"]
    assert retry["Idempotent-Replayed"] == "true"
    assert changed.status_code == 422
    assert error_of(changed)["code"] == "idempotency_key_reused"
    assert len(replies_to(post)) == 1
    assert counts_of(post) == (0, 1)


def test_a_key_used_on_one_post_cannot_reply_to_another(api_as, alice, bob, post):
    other_post = services.post_create(author=alice, body="Another")
    client = api_as(bob)
    reply(client, post.pk, idempotency_key="reply-1")

    response = reply(client, other_post.pk, idempotency_key="reply-1")

    assert response.status_code == 422
    assert list(Post.objects.filter(author=bob).values_list("in_reply_to_id", flat=True)) == [post.pk]
    assert counts_of(other_post) == (0, 0)


def test_a_reply_refused_as_hidden_does_not_keep_its_key(api_as, bob, follower, followers_post):
    refused = reply(api_as(bob), followers_post.pk, idempotency_key="reply-1")

    assert refused.status_code == 400
    assert not IdempotencyKey.objects.exists()


# Comments from before replies were posts ------------------------------------------------------------------------------


def test_a_moved_comment_s_api_address_redirects_to_the_reply_it_became(api_client, bob, post):
    became = services.post_create(author=bob, body="Once a comment", in_reply_to=post)
    MovedComment.objects.create(comment_id=77, post=became)

    response = api_client.get(reverse("api:moved-comment", kwargs={"comment_id": 77}))

    assert response.status_code == 301
    assert response["Location"] == f"http://testserver{detail(became.pk)}"
    assert api_client.get(response["Location"]).json()["body"] == "Once a comment"


def test_a_comment_that_never_existed_is_404(api_client, bob, post):
    response = api_client.get(reverse("api:moved-comment", kwargs={"comment_id": 77}))

    assert response.status_code == 404
    assert error_of(response)["code"] == "not_found"
    assert error_of(response)["message"] == "No such comment."


def test_a_moved_comment_hidden_from_the_client_redirects_to_a_404(api_client, follower, followers_post):
    became = services.post_create(author=follower, body="Once a comment", in_reply_to=followers_post)
    MovedComment.objects.create(comment_id=78, post=became)

    response = api_client.get(reverse("api:moved-comment", kwargs={"comment_id": 78}))

    assert response.status_code == 301
    assert api_client.get(response["Location"]).status_code == 404
