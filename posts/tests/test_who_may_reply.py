"""Who may reply (Post.reply_policy), decided by posts.policy.reply_refusal and enforced by post_create."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from accounts.factories import UserFactory
from posts import policy, services
from posts.models import Post
from posts.selectors import post_rows
from social import services as social

EVERYONE, FOLLOWING, MENTIONED = Post.ReplyPolicy.EVERYONE, Post.ReplyPolicy.FOLLOWING, Post.ReplyPolicy.MENTIONED


@pytest.fixture
def friend(alice):
    """Someone alice follows."""
    person = UserFactory(username="friend")
    social.follow_create(follower=alice, followee=person)
    return person


@pytest.fixture
def named(db):
    return UserFactory(username="named")


@pytest.mark.parametrize(
    ("reply_policy", "who", "refusal"),
    [
        (EVERYONE, "bob", None),
        (FOLLOWING, "friend", None),
        (FOLLOWING, "bob", "Only people @alice follows can reply."),
        (FOLLOWING, "alice", None),
        (MENTIONED, "named", None),
        (MENTIONED, "friend", "Only people @alice mentions can reply."),
        (MENTIONED, "alice", None),
    ],
)
def test_reply_refusal(alice, bob, friend, named, reply_policy, who, refusal):
    post = services.post_create(author=alice, body="hello @named", reply_policy=reply_policy)
    viewer = {"alice": alice, "bob": bob, "friend": friend, "named": named}[who]

    assert policy.reply_refusal(viewer=viewer, post=post) == refusal
    if refusal is None:
        assert services.post_create(author=viewer, body="hi", in_reply_to=post).in_reply_to_id == post.pk
    else:
        with pytest.raises(PermissionDenied, match=refusal):
            services.post_create(author=viewer, body="hi", in_reply_to=post)
        post.refresh_from_db()
        assert post.reply_count == 0


def test_following_means_the_author_follows_you_not_you_them(alice, bob):
    post = services.post_create(author=alice, body="hi", reply_policy=FOLLOWING)
    social.follow_create(follower=bob, followee=alice)

    assert policy.reply_refusal(viewer=bob, post=post) == "Only people @alice follows can reply."


def test_a_visitor_is_asked_to_log_in_and_a_hidden_post_refuses(alice, bob):
    secret = services.post_create(author=alice, body="hi", visibility=Post.Visibility.FOLLOWERS)

    assert policy.reply_refusal(viewer=AnonymousUser(), post=secret) == "Log in to reply."
    assert policy.reply_refusal(viewer=bob, post=secret) == "You cannot see this post."


def test_flags_for_a_page_of_limited_posts_cost_one_query(alice, bob, django_assert_num_queries):
    posts = [services.post_create(author=UserFactory(), body="hi", reply_policy=FOLLOWING) for _ in range(5)]
    social.follow_create(follower=posts[2].author, followee=bob)
    posts = list(post_rows().filter(pk__in=[post.pk for post in posts]).order_by("id"))

    with django_assert_num_queries(2):  # The likes, then who follows and mentions the viewer.
        policy.mark_posts(viewer=bob, posts=posts)

    assert [post.can_reply for post in posts] == [False, False, True, False, False]


def test_open_posts_need_no_query_for_who_may_reply(alice, bob, django_assert_num_queries):
    posts = [services.post_create(author=alice, body="hi") for _ in range(3)]

    with django_assert_num_queries(1):  # The likes.
        policy.mark_posts(viewer=bob, posts=posts)

    assert all(post.can_reply for post in posts)


# The pages: the select on the compose and edit forms, the reason instead of the form


def test_the_compose_form_sets_who_may_reply(client, alice):
    client.force_login(alice)

    client.post(reverse("posts:create"), {"body": "hi", "visibility": "public", "reply_policy": "mentioned"})

    assert Post.objects.get().reply_policy == MENTIONED


def test_the_edit_form_changes_who_may_reply_without_marking_the_post_edited(client, alice):
    post = services.post_create(author=alice, body="hi")
    client.force_login(alice)

    form = client.get(reverse("posts:edit", args=[post.pk])).content.decode()
    response = client.post(
        reverse("posts:edit", args=[post.pk]), {"body": "hi", "visibility": "public", "reply_policy": "following"}
    )

    assert 'name="reply_policy"' in form
    assert response.status_code == 302
    post.refresh_from_db()
    assert (post.reply_policy, post.edited_at) == (FOLLOWING, None)


def test_a_bad_reply_policy_is_a_form_error(client, alice):
    client.force_login(alice)

    response = client.post(reverse("posts:create"), {"body": "hi", "visibility": "public", "reply_policy": "friends"})

    assert response.status_code == 400
    assert not Post.objects.exists()


def test_the_page_says_why_you_cannot_reply_instead_of_the_form(client, alice, bob):
    post = services.post_create(author=alice, body="hi", reply_policy=FOLLOWING)
    client.force_login(bob)

    content = client.get(post.get_absolute_url()).content.decode()

    assert "Only people @alice follows can reply." in content
    assert "Replies limited: people @alice follows" in content
    assert f'action="/posts/{post.pk}/reply/"' not in content
    assert client.post(reverse("posts:reply", args=[post.pk]), {"body": "hi"}).status_code == 403
    assert not Post.objects.filter(in_reply_to=post).exists()
