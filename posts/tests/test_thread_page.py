"""The thread page: ancestors above, the post, its replies as a tree, paged, without N+1 either way."""

import re

import pytest

from accounts.factories import UserFactory
from posts import services
from posts.models import Post
from posts.tests.helpers import HTMX, assert_is_fragment, assert_query_budget
from posts.tests.test_query_budgets import POST_DETAIL_BUDGET
from posts.threads import MAX_DEPTH
from social import services as social


def reply(parent: Post, author, body: str = "a reply") -> Post:
    return services.post_create(author=author, body=body, in_reply_to=parent)


def thread_on(response) -> list[tuple[int, int, str | None]]:
    """(post id, depth, "replying to" text or None) of each reply shown, in page order."""
    pattern = (
        r'<li class="thread-reply depth-(\d+)" id="reply-(\d+)">\s*'
        r'(?:<p class="replying-to meta">Replying to ([^<]+)</p>)?'
    )
    return [(int(pk), int(depth), label or None) for depth, pk, label in re.findall(pattern, response.content.decode())]


def ancestors_on(response) -> list[int]:
    html = response.content.decode()
    if '<ol class="thread-ancestors"' not in html:
        return []
    block = html.split('<ol class="thread-ancestors"', 1)[1].split("</ol>", 1)[0]
    return [int(pk) for pk in re.findall(r'<article class="post" id="post-(\d+)"', block)]


def test_ancestors_above_the_post_and_its_replies_as_a_tree(client, alice, bob, carol):
    root = services.post_create(author=alice, body="root")
    first = reply(root, bob)
    focus = reply(first, carol)
    a = reply(focus, alice)
    a1 = reply(a, bob)
    b = reply(focus, bob)
    a2 = reply(a, carol)

    response = client.get(focus.get_absolute_url())

    assert response.status_code == 200
    assert ancestors_on(response) == [root.pk, first.pk]
    assert re.search(
        rf'<div class="thread-focus">\s*<article class="post" id="post-{focus.pk}"', response.content.decode()
    )
    assert thread_on(response) == [
        (a.pk, 1, None),
        (a1.pk, 2, None),
        (a2.pk, 2, "@alice"),
        (b.pk, 1, "@carol"),
    ]


def test_deep_replies_show_flat_at_the_last_level_saying_whom_they_reply_to(client, alice, bob):
    root = services.post_create(author=alice, body="root")
    chain, parent = [], root
    for n in range(MAX_DEPTH + 2):
        parent = reply(parent, bob if n % 2 == 0 else alice)
        chain.append(parent)

    shown = thread_on(client.get(root.get_absolute_url()))

    assert [depth for _, depth, _ in shown] == [1, 2, 3, 4, 4, 4]
    assert [label for _, _, label in shown] == [None, None, None, None, "@alice", "@bob"]


def test_hidden_replies_are_left_out_and_the_replies_further_down_say_so_without_leaking(client, alice, bob, carol):
    """A reply is seen only with the post it answers (posts.policy), so carol's answer to bob's
    followers-only reply is hidden too; bob's reply to carol's answer shows, saying only that it
    answers a post the visitor cannot see. The same below a reply a moderator removed."""
    social.follow_create(follower=carol, followee=bob)
    root = services.post_create(author=alice, body="root")
    secret = services.post_create(
        author=bob, body="for bob's followers", in_reply_to=root, visibility=Post.Visibility.FOLLOWERS
    )
    answer = reply(secret, carol, "carol answers")
    further_down = reply(answer, bob)
    removed = reply(root, carol, "removed words")
    under_removed = reply(removed, alice, "under the removed one")
    below_that = reply(under_removed, bob)
    services.post_remove(post=removed)

    response = client.get(root.get_absolute_url())

    assert thread_on(response) == [
        (further_down.pk, 1, "a post you cannot see"),
        (below_that.pk, 1, "a post you cannot see"),
    ]
    for hidden in ("for bob&#x27;s followers", "carol answers", "removed words", "under the removed one"):
        assert hidden not in response.content.decode()


def test_a_hidden_ancestor_is_said_not_shown(client, alice, bob, carol):
    social.follow_create(follower=carol, followee=bob)
    root = services.post_create(author=alice, body="root")
    secret = services.post_create(author=bob, body="secret", in_reply_to=root, visibility=Post.Visibility.FOLLOWERS)
    focus = reply(reply(secret, carol, "hidden with the secret"), bob)

    response = client.get(focus.get_absolute_url())

    assert ancestors_on(response) == [root.pk]
    assert "A post you cannot see, or that was deleted." in response.content.decode()
    assert "secret" not in response.content.decode()


def test_a_reply_whose_parent_was_deleted_stays_in_the_thread(client, alice, bob, carol):
    root = services.post_create(author=alice, body="root")
    middle = reply(root, bob)
    orphan = reply(middle, carol)
    services.post_delete(post=middle, actor=bob)

    assert thread_on(client.get(root.get_absolute_url())) == [(orphan.pk, 1, "a deleted post")]


def test_muted_peoples_replies_are_left_out_of_the_tree(client, alice, bob, carol):
    root = services.post_create(author=alice, body="root")
    muted_reply = reply(root, bob)
    answer = reply(muted_reply, carol)
    social.mute_create(muter=alice, muted=bob)
    client.force_login(alice)

    assert thread_on(client.get(root.get_absolute_url())) == [(answer.pk, 1, "@bob")]


def test_long_threads_are_paged_in_tree_order(client, alice, bob, settings):
    settings.PAGE_SIZE = 2
    root = services.post_create(author=alice, body="root")
    a = reply(root, bob)
    b = reply(root, bob)
    a1 = reply(a, alice)

    first = client.get(root.get_absolute_url())
    assert [pk for pk, _, _ in thread_on(first)] == [a.pk, a1.pk]
    assert f'href="?after={a1.pk}#replies"' in first.content.decode()

    more = client.get(root.get_absolute_url(), {"after": a1.pk}, headers=HTMX)
    assert_is_fragment(more)
    assert thread_on(more) == [(b.pk, 1, "@alice")]
    assert "More replies" not in more.content.decode()


def test_a_cursor_that_is_not_a_reply_of_the_thread_is_a_400(client, alice, bob):
    root = services.post_create(author=alice, body="root")
    other = services.post_create(author=bob, body="elsewhere")
    assert client.get(root.get_absolute_url(), {"after": other.pk}).status_code == 400


def test_the_thread_page_costs_the_same_with_one_reply_and_a_deep_wide_tree(db, client, django_assert_num_queries):
    author, viewer = UserFactory(), UserFactory()
    root = services.post_create(author=author, body="root")
    focus = reply(root, author)
    reply(focus, viewer)
    client.force_login(viewer)
    people = UserFactory.create_batch(3)

    def add_many(count):
        parents = [focus]
        for n in range(count):
            parents.append(reply(parents[n // 2 + 1] if n else focus, people[n % 3], f"reply {n}"))

    assert_query_budget(
        django_assert_num_queries,
        budget=POST_DETAIL_BUDGET,  # The ancestors are read with the replies, not on their own.
        fetch=lambda: client.get(focus.get_absolute_url()),
        count_items=lambda response: len(thread_on(response)),
        add_many=add_many,
    )


@pytest.mark.parametrize("cursor", ["soon", "-1", "1.5", "²", "1" * 20])
def test_a_malformed_replies_cursor_is_a_400(client, post, cursor):
    assert client.get(post.get_absolute_url(), {"after": cursor}).status_code == 400


def test_a_post_without_replies_says_so(client, post):
    content = client.get(post.get_absolute_url()).content.decode()

    assert '<li class="empty" id="no-replies">No replies yet.</li>' in content


def test_a_post_with_replies_keeps_the_no_replies_line_hidden_for_htmx_to_hide(client, alice, bob, post):
    """A reply sent with htmx hides #no-replies out of band; a missing target is an error in the console."""
    services.post_create(author=bob, body="First!", in_reply_to=post)
    client.force_login(alice)

    content = client.get(post.get_absolute_url()).content.decode()

    assert '<li class="empty" id="no-replies" hidden>No replies yet.</li>' in content
