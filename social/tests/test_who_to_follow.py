"""Who to follow: friends of friends first, then popular accounts, never anyone the viewer cannot or
would not follow; the same people on the page, beside home and Explore, on an empty home and in the API."""

import pytest
from django.urls import reverse

from accounts.factories import UserFactory
from accounts.models import User
from accounts.services import user_suspend
from posts.services import post_create
from posts.tests.helpers import HTMX, assert_is_fragment
from social.factories import FollowFactory
from social.models import Follow
from social.selectors import who_to_follow
from social.services import block_create, follow_create, mute_create


def usernames(people) -> list[str]:
    return [person.username for person in people]


def popular(username: str, followers: int) -> User:
    """Someone followed by `followers` strangers (the counter set as the services would leave it)."""
    person = UserFactory(username=username)
    for follow in FollowFactory.create_batch(followers, followee=person):
        User.objects.filter(pk=follow.followee_id).update(follower_count=followers)
    person.refresh_from_db()
    return person


@pytest.fixture
def graph(db):
    """The viewer follows ana and ben; both follow zoe, ana follows yan; popular people have many followers."""
    viewer = UserFactory(username="viewer")
    ana, ben = UserFactory(username="ana"), UserFactory(username="ben")
    zoe, yan = UserFactory(username="zoe"), UserFactory(username="yan")
    for friend in (ana, ben):
        follow_create(follower=viewer, followee=friend)
        follow_create(follower=friend, followee=zoe)
    follow_create(follower=ana, followee=yan)
    popular("star", 5)
    popular("celeb", 3)
    return viewer


def test_friends_of_friends_come_first_by_how_many_friends_follow_them_then_popular_people(graph):
    people = who_to_follow(graph, limit=10)

    assert usernames(people)[:4] == ["zoe", "yan", "star", "celeb"]
    assert [person.mutuals for person in people[:4]] == [2, 1, 0, 0]
    assert "viewer" not in usernames(people)
    assert not {"ana", "ben"} & set(usernames(people))


def test_the_limit_is_kept_and_friends_of_friends_fill_it_first(graph):
    assert usernames(who_to_follow(graph, limit=1)) == ["zoe"]
    assert usernames(who_to_follow(graph, limit=3)) == ["zoe", "yan", "star"]


def test_blocks_both_ways_mutes_suspended_and_inactive_people_are_left_out(graph):
    zoe, yan, star, celeb = (User.objects.get(username=name) for name in ("zoe", "yan", "star", "celeb"))
    block_create(blocker=graph, blocked=zoe)
    block_create(blocker=yan, blocked=graph)
    mute_create(muter=graph, muted=star)
    user_suspend(user=celeb)
    gone = popular("gone", 9)
    User.objects.filter(pk=gone.pk).update(is_active=False)

    left = set(usernames(who_to_follow(graph, limit=50)))

    assert not left & {"zoe", "yan", "star", "celeb", "gone", "viewer", "ana", "ben"}
    assert left  # The strangers who follow the popular people are still there to suggest.


def test_a_new_account_gets_the_popular_people(db):
    popular("star", 5)
    popular("celeb", 3)
    newcomer = UserFactory(username="newcomer")

    assert usernames(who_to_follow(newcomer, limit=2)) == ["star", "celeb"]


def test_the_suggestions_page_lists_them_with_avatars_and_follow_buttons(client, graph):
    client.force_login(graph)

    content = client.get(reverse("social:suggestions")).content.decode()

    assert content.index("@zoe") < content.index("@yan") < content.index("@star")
    assert "Followed by 2 people you follow" in content
    assert '<span class="avatar avatar-initial" aria-hidden="true">' in content
    assert f'action="{reverse("social:follow", args=["zoe"])}"' in content


def test_the_side_column_suggests_a_few_to_members_and_nothing_to_visitors(client, graph):
    beside = reverse("social:suggestions_beside")
    assert client.get(beside).content.decode().strip() == ""
    client.force_login(graph)

    response = client.get(beside, headers=HTMX)

    assert_is_fragment(response)
    content = response.content.decode()
    assert content.count('<li class="person">') == 3
    assert 'hx-post="/@zoe/follow/"' in content
    post_create(author=graph, body="My home is not empty now")
    for page in ("social:home", "social:explore"):
        assert f'hx-get="{beside}"' in client.get(reverse(page)).content.decode()


def test_an_empty_home_suggests_people_and_links_to_explore(client, graph):
    client.force_login(graph)

    content = client.get(reverse("social:home")).content.decode()

    assert "Your timeline is empty." in content
    assert f'<a href="{reverse("social:explore")}">explore the newest posts</a>' in content
    assert content.count('<li class="person">') == 5
    assert f'action="{reverse("social:follow", args=["zoe"])}"' in content
    # The side column would repeat them: an empty home has none.
    assert reverse("social:suggestions_beside") not in content


def test_following_from_the_empty_home_by_form_goes_back_home(client, graph):
    client.force_login(graph)

    response = client.post(reverse("social:follow", args=["zoe"]), {"next": reverse("social:home")})

    assert response.status_code == 302
    assert response["Location"] == reverse("social:home")
    assert Follow.objects.filter(follower=graph, followee__username="zoe").exists()
    assert "@zoe" not in client.get(reverse("social:home")).content.decode()


def test_following_from_the_empty_home_with_htmx_swaps_the_button(client, graph):
    client.force_login(graph)

    response = client.post(reverse("social:follow", args=["zoe"]), {"next": reverse("social:home")}, headers=HTMX)

    assert_is_fragment(response)
    assert 'Unfollow<span class="visually-hidden"> @zoe</span>' in response.content.decode()
    assert Follow.objects.filter(follower=graph, followee__username="zoe").exists()


def test_the_api_gives_the_suggestions(api_as, graph):
    response = api_as(graph).get(reverse("api:people-suggestions"), {"limit": 3})

    assert response.status_code == 200
    results = response.json()["results"]
    assert [(item["username"], item["mutuals"]) for item in results] == [("zoe", 2), ("yan", 1), ("star", 0)]
    assert not any(item["followed_by_me"] for item in results)


def test_the_api_refuses_a_bad_limit_and_visitors(api_as, api_client, graph):
    url = reverse("api:people-suggestions")
    assert api_as(graph).get(url, {"limit": 0}).status_code == 400
    assert api_as(graph).get(url, {"limit": "many"}).status_code == 400
    assert api_client.get(url).status_code == 401
