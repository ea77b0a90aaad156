"""posts.policy's allow/deny table: each viewer against each kind of post and reply."""

import pytest
from django.http import Http404

from accounts.models import User
from posts import policy
from posts.tests.policy_world import POSTS, REPLIES, SEES_POST, SEES_REPLY, VIEWERS, build_world

pytestmark = pytest.mark.django_db

# Who may act on ana's public post, and on fay's reply to oli's post.
EDITS = {"author"}
DELETES = {"author", "moderator"}
REPORTS = {"follower", "stranger", "blocked", "blocker", "muted", "moderator"}
INTERACTS = {"author", "follower", "stranger", "muted", "moderator"}
REPLY_DELETES = {"follower", "moderator"}
REPLY_REPORTS = {"author", "stranger", "blocked", "blocker", "muted", "moderator"}


@pytest.fixture
def world(django_capture_on_commit_callbacks):
    return build_world(django_capture_on_commit_callbacks)


def _opens(items: dict, names: list[str], viewer) -> set[str]:
    """Which of the named posts or replies post_for_viewer lets the viewer open (a reply is a post)."""
    opened = set()
    for name in names:
        try:
            policy.post_for_viewer(post_id=items[name].pk, viewer=viewer)
        except Http404:
            continue
        opened.add(name)
    return opened


@pytest.mark.parametrize("viewer", VIEWERS)
def test_who_may_see_each_post_and_reply(world, viewer):
    who = world.viewers[viewer]

    assert {name for name in POSTS if policy.may_see_post(viewer=who, post=world.posts[name])} == set(
        SEES_POST[viewer].split()
    )
    assert _opens(world.posts, POSTS, who) == set(SEES_POST[viewer].split())
    assert _opens(world.replies, REPLIES, who) == set(SEES_REPLY[viewer].split())
    seen_replies = {name for name in REPLIES if policy.may_see_post(viewer=who, post=world.replies[name])}
    assert seen_replies == set(SEES_REPLY[viewer].split())


@pytest.mark.parametrize("viewer", VIEWERS)
def test_who_may_act_on_a_post_and_a_reply(world, viewer):
    who, post = world.viewers[viewer], world.posts["public"]

    assert policy.may_edit_post(viewer=who, post=post) is (viewer in EDITS)
    assert policy.may_delete_post(viewer=who, post=post) is (viewer in DELETES)
    assert policy.may_report_post(viewer=who, post=post) is (viewer in REPORTS)
    assert policy.may_reply(viewer=who, post=post) is (viewer in INTERACTS)
    assert policy.may_like(viewer=who, post=post) is (viewer in INTERACTS)
    reply = world.replies["by_follower"]
    assert policy.may_delete_post(viewer=who, post=reply) is (viewer in REPLY_DELETES)
    assert policy.may_report_post(viewer=who, post=reply) is (viewer in REPLY_REPORTS)
    assert policy.may_edit_post(viewer=who, post=reply) is (viewer == "follower")


@pytest.mark.parametrize("viewer", VIEWERS)
def test_the_flags_say_what_the_rules_say_in_one_query(world, viewer, django_assert_num_queries):
    who = world.viewers[viewer]
    posts = list(policy.explore_posts(who))
    replies = list(policy.replies_of(viewer=who, post=world.posts["other"]))

    with django_assert_num_queries(1 if who.is_authenticated else 0):
        policy.mark_posts(viewer=who, posts=posts)
    with django_assert_num_queries(1 if who.is_authenticated else 0):
        policy.mark_posts(viewer=who, posts=replies)

    for post in posts:
        assert post.can_edit is policy.may_edit_post(viewer=who, post=post)
        assert post.can_delete is policy.may_delete_post(viewer=who, post=post)
        assert post.can_report is policy.may_report_post(viewer=who, post=post)
        assert post.can_reply is post.can_like is policy.may_reply(viewer=who, post=post)
    for reply in replies:
        assert reply.can_edit is policy.may_edit_post(viewer=who, post=reply)
        assert reply.can_delete is policy.may_delete_post(viewer=who, post=reply)
        assert reply.can_report is policy.may_report_post(viewer=who, post=reply)
        assert reply.can_reply is policy.may_reply(viewer=who, post=reply)


def test_the_people_who_may_see_an_item_are_those_the_item_lets_in(world):
    """Mention recipients are chosen by the same rule as the viewers who may open the post or reply."""
    roles = {who.pk: role for role, who in world.viewers.items() if who.is_authenticated}
    people = User.objects.filter(pk__in=roles)

    for name, post in world.posts.items():
        seeing = {roles[person.pk] for person in policy.people_who_may_see(post=post, people=people)}
        assert seeing == {role for role in roles.values() if name in SEES_POST[role].split()}, name
    for name, reply in world.replies.items():
        seeing = {roles[person.pk] for person in policy.people_who_may_see(post=reply, people=people)}
        assert seeing == {role for role in roles.values() if name in SEES_REPLY[role].split()}, name
