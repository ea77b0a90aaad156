"""Blocks and mutes on the HTML pages: what each side sees, the buttons, and the settings list."""

import re

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from accounts.factories import UserFactory
from posts import services as posts
from posts.models import Like, Post
from posts.tests.helpers import MANY, assert_login_redirect, assert_query_budget, post_ids_on
from social import services
from social.models import Block, Follow, Mute
from tests.budgets import SESSION_QUERIES

pytestmark = pytest.mark.django_db

HOME = reverse("social:home")
EXPLORE = reverse("social:explore")
BLOCKED_AND_MUTED = reverse("social:blocked_and_muted")
# session (unless cached), viewer, their blocks with the people, their mutes with the people
BLOCKED_AND_MUTED_BUDGET = SESSION_QUERIES + 3


def action_url(action: str, username: str) -> str:
    return reverse(f"social:{action}", args=[username])


def tag_url(tag: str) -> str:
    return reverse("search:tag", args=[tag])


def buttons_on(response) -> list[tuple[str, str]]:
    """The block and mute forms on a page as (action, username), in page order."""
    pattern = r'<form method="post" action="/@([\w.-]+)/(block|unblock|mute|unmute)/">'
    return [(action, username) for username, action in re.findall(pattern, response.content.decode())]


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def people_in(response, heading_id: str) -> list[str]:
    """The usernames listed under one heading of the blocked-and-muted page."""
    content = response.content.decode()
    section = re.search(rf'aria-labelledby="{heading_id}">(.*?)</section>', content, re.DOTALL)[1]
    return re.findall(r'<li class="person">\s*<a class="author" href="/@([\w.-]+)"', section)


@pytest.fixture
def alice_post(alice):
    return posts.post_create(author=alice, body="Alice here #garden")


@pytest.fixture
def bob_post(bob):
    return posts.post_create(author=bob, body="Bob here #garden")


@pytest.fixture
def alice_blocks_bob(alice, bob):
    services.block_create(blocker=alice, blocked=bob)


@pytest.fixture
def carol_mutes_bob(bob, carol):
    services.follow_create(follower=carol, followee=bob)
    services.mute_create(muter=carol, muted=bob)


# What the blocked person sees


def test_the_blocked_person_sees_none_of_the_blockers_posts_in_lists(client, alice, bob, alice_post, bob_post):
    services.follow_create(follower=bob, followee=alice)
    services.block_create(blocker=alice, blocked=bob)
    client.force_login(bob)

    assert alice_post.pk not in post_ids_on(client.get(HOME))
    assert post_ids_on(client.get(EXPLORE)) == [bob_post.pk]
    assert post_ids_on(client.get(tag_url("garden"))) == [bob_post.pk]


def test_the_blockers_profile_and_people_lists_are_404_to_the_blocked_person(client, bob, alice_blocks_bob):
    client.force_login(bob)

    assert client.get("/@alice").status_code == 404
    assert client.get(reverse("social:followers", args=["alice"])).status_code == 404
    assert client.get(reverse("social:following", args=["alice"])).status_code == 404


def test_the_blockers_post_page_is_404_to_the_blocked_person(client, bob, alice_post, alice_blocks_bob):
    client.force_login(bob)

    assert client.get(alice_post.get_absolute_url()).status_code == 404


def test_the_blocker_sees_none_of_the_blocked_persons_posts_in_lists(client, alice, alice_post, bob_post):
    services.follow_create(follower=alice, followee=UserFactory())
    services.block_create(blocker=alice, blocked=bob_post.author)
    client.force_login(alice)

    assert post_ids_on(client.get(EXPLORE)) == [alice_post.pk]
    assert post_ids_on(client.get(tag_url("garden"))) == [alice_post.pk]
    assert post_ids_on(client.get(HOME)) == [alice_post.pk]


def test_the_blocker_can_open_the_blocked_persons_profile_to_unblock_but_not_their_posts(
    client, alice, bob_post, alice_blocks_bob
):
    client.force_login(alice)

    response = client.get("/@bob")

    assert response.status_code == 200
    assert ("unblock", "bob") in buttons_on(response)
    assert client.get(bob_post.get_absolute_url()).status_code == 404


def test_visitors_and_others_still_see_the_blockers_public_posts(client, carol, alice_post, bob_post, alice_blocks_bob):
    assert post_ids_on(client.get(EXPLORE)) == [bob_post.pk, alice_post.pk]
    assert post_ids_on(client.get("/@alice")) == [alice_post.pk]
    assert client.get(alice_post.get_absolute_url()).status_code == 200

    client.force_login(carol)
    assert post_ids_on(client.get(EXPLORE)) == [bob_post.pk, alice_post.pk]


def test_after_unblocking_everything_is_visible_again(client, alice, bob, alice_post, bob_post, alice_blocks_bob):
    services.block_delete(blocker=alice, blocked=bob)
    client.force_login(bob)

    assert post_ids_on(client.get(EXPLORE)) == [bob_post.pk, alice_post.pk]
    assert post_ids_on(client.get(tag_url("garden"))) == [bob_post.pk, alice_post.pk]
    assert post_ids_on(client.get("/@alice")) == [alice_post.pk]
    assert client.get(alice_post.get_absolute_url()).status_code == 200


# Interactions refused on the pages


def test_the_blocked_person_cannot_like_or_reply_through_the_pages(client, bob, alice_post, alice_blocks_bob):
    client.force_login(bob)

    assert client.post(reverse("posts:like", args=[alice_post.pk])).status_code == 404
    assert client.post(reverse("posts:reply", args=[alice_post.pk]), {"body": "Hi"}).status_code == 404

    assert not Like.objects.exists()
    assert not Post.objects.filter(in_reply_to=alice_post).exists()


def test_following_is_refused_with_a_400_in_both_directions(client, alice, bob, alice_blocks_bob):
    client.force_login(bob)
    assert client.post(action_url("follow", "alice")).status_code == 400

    client.force_login(alice)
    assert client.post(action_url("follow", "bob")).status_code == 400

    assert not Follow.objects.exists()


# Muting


def test_a_muted_persons_posts_leave_the_muters_lists(client, carol, bob_post, carol_mutes_bob):
    client.force_login(carol)

    assert post_ids_on(client.get(HOME)) == []
    assert post_ids_on(client.get(EXPLORE)) == []
    assert post_ids_on(client.get(tag_url("garden"))) == []


def test_a_muted_persons_post_and_profile_still_open_for_the_muter(client, carol, bob_post, carol_mutes_bob):
    client.force_login(carol)

    assert client.get(bob_post.get_absolute_url()).status_code == 200
    assert client.get("/@bob").status_code == 200


def test_the_muted_person_sees_no_difference(client, bob, carol):
    carols_post = posts.post_create(author=carol, body="Carol here #garden")
    client.force_login(bob)
    before = [post_ids_on(client.get(url)) for url in (EXPLORE, "/@carol", tag_url("garden"))]
    buttons_before = buttons_on(client.get("/@carol"))

    services.mute_create(muter=carol, muted=bob)

    assert [post_ids_on(client.get(url)) for url in (EXPLORE, "/@carol", tag_url("garden"))] == before
    assert before[0] == [carols_post.pk]
    assert buttons_on(client.get("/@carol")) == buttons_before == [("block", "carol"), ("mute", "carol")]
    assert client.post(action_url("follow", "carol")).status_code == 302


def test_after_unmuting_the_posts_come_back(client, bob, carol, bob_post, carol_mutes_bob):
    services.mute_delete(muter=carol, muted=bob)
    client.force_login(carol)

    assert post_ids_on(client.get(HOME)) == [bob_post.pk]
    assert post_ids_on(client.get(EXPLORE)) == [bob_post.pk]


# The profile's buttons


def test_a_signed_in_visitor_gets_block_and_mute_under_more(client, alice, bob):
    client.force_login(bob)

    response = client.get("/@alice")

    content = response.content.decode()
    assert buttons_on(response) == [("block", "alice"), ("mute", "alice")]
    more = content.index('<details class="more-actions">')
    assert more < content.index(f'action="{action_url("block", "alice")}"') < content.index("</details>", more)


def test_active_blocks_and_mutes_show_their_undo_buttons(client, alice, bob, alice_blocks_bob):
    services.mute_create(muter=alice, muted=bob)
    client.force_login(alice)

    assert buttons_on(client.get("/@bob")) == [("unblock", "bob"), ("unmute", "bob")]


def test_visitors_and_the_owner_get_no_block_or_mute_buttons(client, alice):
    assert buttons_on(client.get("/@alice")) == []

    client.force_login(alice)
    assert buttons_on(client.get("/@alice")) == []


@pytest.mark.parametrize(
    ("action", "message"),
    [
        ("block", "You blocked @bob. Neither of you sees the other now."),
        ("mute", "You muted @bob. They are not told."),
    ],
)
def test_posting_a_button_acts_and_goes_back_with_a_message(client, alice, bob, action, message):
    client.force_login(alice)

    response = client.post(action_url(action, "bob"), {"next": "/explore/"})

    assert response.status_code == 302
    assert response["Location"] == "/explore/"
    assert messages_of(response) == [message]
    model, field = (Block, "blocker") if action == "block" else (Mute, "muter")
    assert model.objects.filter(**{field: alice}).count() == 1


def test_the_profiles_buttons_round_trip(client, alice, bob):
    client.force_login(alice)

    client.post(action_url("block", "bob"), {"next": "/@bob"})
    client.post(action_url("mute", "bob"), {"next": "/@bob"})
    assert buttons_on(client.get("/@bob")) == [("unblock", "bob"), ("unmute", "bob")]

    unblock = client.post(action_url("unblock", "bob"), {"next": "/@bob"})
    unmute = client.post(action_url("unmute", "bob"), {"next": "/@bob"})

    assert (unblock["Location"], unmute["Location"]) == ("/@bob", "/@bob")
    # Neither redirect was followed, so the second response still carries the first message.
    assert messages_of(unmute) == ["You unblocked @bob.", "You unmuted @bob."]
    assert not Block.objects.exists()
    assert not Mute.objects.exists()
    assert buttons_on(client.get("/@bob")) == [("block", "bob"), ("mute", "bob")]


def test_without_a_safe_next_the_button_goes_back_to_the_profile(client, alice, bob):
    client.force_login(alice)

    response = client.post(action_url("block", "bob"), {"next": "https://evil.example/"})

    assert response["Location"] == "/@bob"


@pytest.mark.parametrize("action", ["block", "mute"])
def test_blocking_or_muting_yourself_on_the_page_is_a_400(client, alice, action):
    client.force_login(alice)

    response = client.post(action_url(action, "alice"))

    assert response.status_code == 400
    assert not Block.objects.exists()
    assert not Mute.objects.exists()


@pytest.mark.parametrize("action", ["block", "unblock", "mute", "unmute"])
def test_the_action_urls_refuse_unknown_people_get_and_visitors(client, alice, action):
    assert_login_redirect(client.post(action_url(action, "bob")))

    client.force_login(alice)
    assert client.post(action_url(action, "nobody")).status_code == 404
    assert client.get(action_url(action, "alice")).status_code == 405


# Settings: blocked and muted people


def test_the_settings_page_needs_a_login(client, db):
    assert_login_redirect(client.get(BLOCKED_AND_MUTED))


def test_the_settings_page_lists_blocked_and_muted_people_with_undo_buttons(client, alice, bob, carol):
    services.block_create(blocker=alice, blocked=bob)
    services.mute_create(muter=alice, muted=carol)
    services.block_create(blocker=carol, blocked=alice)  # Blocks of alice are not hers to list.
    client.force_login(alice)

    response = client.get(BLOCKED_AND_MUTED)

    assert response.status_code == 200
    assert people_in(response, "blocked-heading") == ["bob"]
    assert people_in(response, "muted-heading") == ["carol"]
    assert buttons_on(response) == [("unblock", "bob"), ("unmute", "carol")]
    assert 'name="next" value="/settings/blocked/"' in response.content.decode()


def test_the_settings_page_says_when_nobody_is_blocked_or_muted(client, alice):
    client.force_login(alice)

    content = client.get(BLOCKED_AND_MUTED).content.decode()

    assert "You have blocked nobody." in content
    assert "You have muted nobody." in content


def test_the_settings_pages_undo_buttons_work_and_come_back(client, alice, bob, carol):
    services.block_create(blocker=alice, blocked=bob)
    services.mute_create(muter=alice, muted=carol)
    client.force_login(alice)

    unblock = client.post(action_url("unblock", "bob"), {"next": BLOCKED_AND_MUTED})
    unmute = client.post(action_url("unmute", "carol"), {"next": BLOCKED_AND_MUTED})

    assert unblock["Location"] == unmute["Location"] == BLOCKED_AND_MUTED
    response = client.get(BLOCKED_AND_MUTED)
    assert people_in(response, "blocked-heading") == people_in(response, "muted-heading") == []


def test_the_settings_page_lists_everyone_blocked_and_muted(client, alice):
    # The page's order is not specified (blocks_of/mutes_of have no ORDER BY), so compare as sets.
    people = UserFactory.create_batch(3)
    for person in people:
        services.block_create(blocker=alice, blocked=person)
        services.mute_create(muter=alice, muted=person)
    client.force_login(alice)

    response = client.get(BLOCKED_AND_MUTED)

    everyone = sorted(person.username for person in people)
    assert sorted(people_in(response, "blocked-heading")) == everyone
    assert sorted(people_in(response, "muted-heading")) == everyone


def test_the_settings_page_has_a_query_budget(client, django_assert_num_queries, alice):
    client.force_login(alice)
    services.block_create(blocker=alice, blocked=UserFactory())

    def block_and_mute_more(count: int) -> None:
        for number, person in enumerate(UserFactory.create_batch(count)):
            if number % 2:
                services.mute_create(muter=alice, muted=person)
            else:
                services.block_create(blocker=alice, blocked=person)

    assert_query_budget(
        django_assert_num_queries,
        budget=BLOCKED_AND_MUTED_BUDGET,
        fetch=lambda: client.get(BLOCKED_AND_MUTED),
        count_items=lambda response: response.content.decode().count('<li class="person">'),
        add_many=block_and_mute_more,
    )
    assert MANY == 30
