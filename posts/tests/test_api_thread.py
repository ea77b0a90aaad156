"""GET /api/threadly/v1/posts/{id}/thread: the thread page's conversation, by the same selector, in fixed queries."""

from django.urls import reverse

from accounts.factories import UserFactory
from posts import reposts, services
from posts.models import Post
from posts.tests.helpers import POSTS, assert_query_budget, detail, error_of
from social import services as social
from tests.budgets import IMAGES

# The access token's user, the post, the skeleton, the page of posts, the viewer's likes.
THREAD_BUDGET = 5 + 2 * IMAGES  # the post's, the thread's


def thread_url(post: Post) -> str:
    return reverse("api:post-thread", kwargs={"post_id": post.pk})


def reply(parent: Post, author, body: str = "a reply") -> Post:
    return services.post_create(author=author, body=body, in_reply_to=parent)


def test_the_thread_holds_ancestors_the_post_and_its_replies_in_tree_order(api_client, alice, bob, carol):
    root = services.post_create(author=alice, body="root")
    focus = reply(root, bob)
    a = reply(focus, carol)
    b = reply(focus, alice)
    a1 = reply(a, bob)

    body = api_client.get(thread_url(focus)).json()

    assert [item["id"] for item in body["ancestors"]] == [root.pk]
    assert body["ancestors_hidden"] is False
    assert (body["post"]["id"], body["post"]["in_reply_to"], body["post"]["conversation"]) == (
        focus.pk,
        root.pk,
        root.pk,
    )
    replies = [(item["id"], item["depth"], item["in_reply_to"], item["replying_to"]) for item in body["replies"]]
    assert replies == [(a.pk, 1, focus.pk, None), (a1.pk, 2, a.pk, None), (b.pk, 1, focus.pk, "@bob")]
    assert body["next"] is None


def test_the_thread_is_paged_by_the_next_link(api_client, alice, bob, settings):
    settings.PAGE_SIZE = 2
    root = services.post_create(author=alice, body="root")
    replies = [reply(root, bob, f"reply {n}") for n in range(3)]

    first = api_client.get(thread_url(root)).json()
    second = api_client.get(first["next"]).json()

    assert [item["id"] for item in first["replies"]] == [replies[0].pk, replies[1].pk]
    assert [item["id"] for item in second["replies"]] == [replies[2].pk]
    assert second["next"] is None


def test_a_repost_row_s_thread_and_replies_are_its_original_s(api_client, alice, bob, carol):
    """As its page redirects to the reposted post's: a repost row has no conversation of its own."""
    post = services.post_create(author=alice, body="root")
    answer = reply(post, carol)
    reposts.repost_create(user=bob, post=post)
    row = Post.objects.get(author=bob, repost_of=post)

    thread = api_client.get(thread_url(row)).json()
    replies = api_client.get(reverse("api:post-replies", kwargs={"post_id": row.pk})).json()

    assert (thread["post"]["id"], [item["id"] for item in thread["replies"]]) == (post.pk, [answer.pk])
    assert [item["id"] for item in replies["results"]] == [answer.pk]


def test_a_cursor_from_elsewhere_is_a_400(api_client, alice, bob):
    root = services.post_create(author=alice, body="root")
    other = services.post_create(author=bob, body="elsewhere")

    response = api_client.get(thread_url(root), {"after": other.pk})

    assert response.status_code == 400
    assert "after" in error_of(response)["fields"]


def test_a_hidden_ancestor_is_left_out_and_said(api_client, alice, bob, carol):
    social.follow_create(follower=carol, followee=bob)
    root = services.post_create(author=alice, body="root")
    secret = services.post_create(author=bob, body="secret", in_reply_to=root, visibility=Post.Visibility.FOLLOWERS)
    focus = reply(reply(secret, carol, "hidden with the secret"), bob)

    body = api_client.get(thread_url(focus)).json()

    assert [item["id"] for item in body["ancestors"]] == [root.pk]
    assert body["ancestors_hidden"] is True
    assert "secret" not in str(body)
    assert body["post"]["id"] == focus.pk


def test_a_thread_you_cannot_see_is_a_404(api_client, alice):
    post = services.post_create(author=alice, body="mine", visibility=Post.Visibility.FOLLOWERS)
    assert api_client.get(thread_url(post)).status_code == 404


def test_the_thread_costs_the_same_with_one_reply_and_a_deep_wide_tree(api_as, django_assert_num_queries):
    author, viewer = UserFactory(), UserFactory()
    root = services.post_create(author=author, body="root")
    focus = reply(root, author)
    reply(focus, viewer)
    api = api_as(viewer)

    def add_many(count: int) -> None:
        parents = [focus]
        for n in range(count):
            parents.append(reply(parents[n // 2 + 1] if n else focus, UserFactory(), f"reply {n}"))

    assert_query_budget(
        django_assert_num_queries,
        budget=THREAD_BUDGET,
        fetch=lambda: api.get(thread_url(focus)),
        count_items=lambda response: len(response.json()["replies"]),
        add_many=add_many,
    )


# Replying and who may reply, through POST /posts and PATCH /posts/{id}


def test_a_reply_through_the_api_joins_the_conversation(api_as, alice, bob):
    root = services.post_create(author=alice, body="root")

    response = api_as(bob).post(POSTS, {"body": "hi", "in_reply_to": root.pk}, format="json")

    assert response.status_code == 201
    assert (response.json()["in_reply_to"], response.json()["conversation"]) == (root.pk, root.pk)


def test_a_reply_is_as_visible_as_its_post_unless_it_says(api_as, alice, follower):
    secret = services.post_create(author=alice, body="mine", visibility=Post.Visibility.FOLLOWERS)
    api = api_as(follower)

    default = api.post(POSTS, {"body": "hi", "in_reply_to": secret.pk}, format="json").json()
    chosen = api.post(POSTS, {"body": "hey", "in_reply_to": secret.pk, "visibility": "public"}, format="json").json()

    assert (default["visibility"], chosen["visibility"]) == ("followers", "public")


def test_replying_to_a_post_you_cannot_see_is_a_field_error(api_as, alice, bob):
    secret = services.post_create(author=alice, body="mine", visibility=Post.Visibility.FOLLOWERS)

    response = api_as(bob).post(POSTS, {"body": "hi", "in_reply_to": secret.pk}, format="json")

    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {"in_reply_to": ["No such post."]}
    assert not Post.objects.filter(in_reply_to=secret).exists()


def test_a_refused_reply_is_a_403_saying_why(api_as, alice, bob):
    limited = services.post_create(author=alice, body="friends only", reply_policy=Post.ReplyPolicy.FOLLOWING)

    response = api_as(bob).post(POSTS, {"body": "hi", "in_reply_to": limited.pk}, format="json")

    assert response.status_code == 403
    assert error_of(response)["message"] == "Only people @alice follows can reply."
    assert not Post.objects.filter(in_reply_to=limited).exists()


def test_who_may_reply_is_chosen_at_creation_and_changed_by_a_patch(api_as, alice):
    api = api_as(alice)

    created = api.post(POSTS, {"body": "hi @bob", "reply_policy": "mentioned"}, format="json").json()
    patched = api.patch(detail(created["id"]), {"reply_policy": "following"}, format="json")

    assert created["reply_policy"] == "mentioned"
    assert patched.status_code == 200
    assert patched.json()["reply_policy"] == "following"
    assert patched.json()["edited_at"] is None
    assert Post.objects.get(pk=created["id"]).reply_policy == Post.ReplyPolicy.FOLLOWING


def test_a_bad_reply_policy_is_a_400(api_as, alice):
    response = api_as(alice).post(POSTS, {"body": "hi", "reply_policy": "friends"}, format="json")

    assert response.status_code == 400
    assert "reply_policy" in error_of(response)["fields"]


def test_a_post_cannot_move_to_another_conversation(api_as, alice):
    post = services.post_create(author=alice, body="mine")
    other = services.post_create(author=alice, body="other")

    response = api_as(alice).patch(detail(post.pk), {"in_reply_to": other.pk}, format="json")

    assert response.status_code == 400
    assert "in_reply_to" in error_of(response)["fields"]
    post.refresh_from_db()
    assert post.in_reply_to_id is None
