"""The thread page, the profile's tabs and who may reply, asked through both doors by several viewers.

A small world of reply posts: ana's conversation with replies by people she follows, people who
follow her, someone muted and someone blocked; each answer is compared page vs API vs the table.
"""

import re

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.factories import UserFactory
from posts import services
from posts.models import Post
from posts.tests.helpers import post_ids_on
from social import services as social

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(db):
    names = ["ana", "fay", "sam", "max", "bea", "pal"]
    people = {name: UserFactory(username=name) for name in names}
    social.follow_create(follower=people["ana"], followee=people["pal"])  # ana and pal follow each other.
    social.follow_create(follower=people["pal"], followee=people["ana"])
    social.follow_create(follower=people["fay"], followee=people["ana"])  # fay follows ana.
    social.mute_create(muter=people["fay"], muted=people["max"])
    return people


@pytest.fixture
def conversation(people):
    ana, fay, sam, max_, pal = (people[name] for name in ("ana", "fay", "sam", "max", "pal"))
    root = services.post_create(author=ana, body="Where do we meet @sam?")
    posts = {"root": root}
    posts["by_sam"] = services.post_create(author=sam, body="At noon", in_reply_to=root)
    posts["by_max"] = services.post_create(author=max_, body="I'll come", in_reply_to=posts["by_sam"])
    posts["by_fay"] = services.post_create(author=fay, body="Me too", in_reply_to=posts["by_max"])
    posts["by_bea"] = services.post_create(author=people["bea"], body="Not me", in_reply_to=posts["by_sam"])
    posts["to_bea"] = services.post_create(author=sam, body="Why not?", in_reply_to=posts["by_bea"])
    social.block_create(blocker=ana, blocked=people["bea"])  # bea replied before; now she cannot.
    posts["only_followers"] = services.post_create(
        author=ana, body="Bring cake", in_reply_to=root, visibility=Post.Visibility.FOLLOWERS
    )
    posts["by_pal"] = services.post_create(author=pal, body="Yes!", in_reply_to=posts["only_followers"])
    posts["following"] = services.post_create(author=ana, body="pals only", reply_policy=Post.ReplyPolicy.FOLLOWING)
    posts["mentioned"] = services.post_create(author=ana, body="@sam?", reply_policy=Post.ReplyPolicy.MENTIONED)
    return posts


@pytest.fixture
def doors(people, api_as):
    clients = {"anonymous": (Client(), APIClient())}
    for name in ("ana", "fay", "sam", "max", "pal"):
        page = Client()
        page.force_login(people[name])
        clients[name] = (page, api_as(people[name]))
    return clients


# The replies each viewer sees below ana's first post, in tree order, with whom each replies to.
# A reply is seen only with the post it answers (posts.policy): ana blocked bea, so neither bea's
# reply nor sam's answer to it shows to her; pal's public reply to ana's followers-only one shows
# only to those who see that. fay muted max: his reply is left out, fay's answer to it says so.
SAM_BRANCH = [("by_sam", None), ("by_max", None), ("by_fay", None), ("by_bea", "@sam"), ("to_bea", None)]
THREAD = {
    "anonymous": SAM_BRANCH,
    "ana": [("by_sam", None), ("by_max", None), ("by_fay", None), ("only_followers", "@ana"), ("by_pal", None)],
    "fay": [
        ("by_sam", None),
        ("by_fay", "@max"),
        ("by_bea", "@sam"),
        ("to_bea", None),
        ("only_followers", "@ana"),
        ("by_pal", None),
    ],
    "sam": SAM_BRANCH,
}


def thread_on_page(response) -> list[tuple[int, str | None]]:
    pattern = (
        r'<li class="thread-reply depth-\d+" id="reply-(\d+)">\s*'
        r'(?:<p class="replying-to meta">Replying to ([^<]+)</p>)?'
    )
    return [(int(pk), label or None) for pk, label in re.findall(pattern, response.content.decode())]


def test_the_thread_is_the_same_at_both_doors(conversation, doors):
    root = conversation["root"]
    for role, expected in THREAD.items():
        page, api = doors[role]
        on_page = thread_on_page(page.get(root.get_absolute_url()))
        body = api.get(reverse("api:post-thread", args=[root.pk])).json()
        in_api = [(item["id"], item["replying_to"]) for item in body["replies"]]
        assert on_page == in_api == [(conversation[name].pk, label) for name, label in expected], role


# Who may reply to each of ana's posts, by viewer.
MAY_REPLY = {
    "anonymous": set(),
    "ana": {"root", "following", "mentioned"},
    "fay": {"root"},
    "sam": {"root", "mentioned"},
    "pal": {"root", "following"},
}


def test_who_may_reply_is_the_same_at_both_doors(conversation, doors):
    for role, expected in MAY_REPLY.items():
        page, api = doors[role]
        on_page, in_api = set(), set()
        for name in ("root", "following", "mentioned"):
            post = conversation[name]
            content = page.get(post.get_absolute_url()).content.decode()
            body = api.get(reverse("api:post-detail", args=[post.pk])).json()
            if f'action="/posts/{post.pk}/reply/"' in content:
                on_page.add(name)
            elif role != "anonymous":  # A visitor is shown a link to log in.
                assert body["reply_refusal"] in content, (role, name)
            if body["can_reply"]:
                in_api.add(name)
        assert on_page == in_api == expected, role


# ana's profile tabs: her posts, and with her replies.
POSTS_TAB = "mentioned following root"
WITH_REPLIES = {
    "anonymous": "mentioned following root",
    "fay": "mentioned following only_followers root",
    "sam": "mentioned following root",
}


def test_the_profile_tabs_are_the_same_at_both_doors(conversation, doors):
    url = reverse("api:user-posts", args=["ana"])
    for role, names in WITH_REPLIES.items():
        page, api = doors[role]
        posts_tab = (post_ids_on(page.get("/@ana")), [item["id"] for item in api.get(url).json()["results"]])
        replies_tab = (
            post_ids_on(page.get("/@ana", {"with_replies": "1"})),
            [item["id"] for item in api.get(url, {"with_replies": "true"}).json()["results"]],
        )
        expected_posts = [conversation[name].pk for name in POSTS_TAB.split()]
        expected_replies = sorted((conversation[name].pk for name in names.split()), reverse=True)
        assert posts_tab == (expected_posts, expected_posts), role
        assert replies_tab == (expected_replies, expected_replies), role


def test_the_replies_tab_pages_on_with_its_replies(people, client, settings):
    settings.PAGE_SIZE = 1
    ana = people["ana"]
    root = services.post_create(author=ana, body="first")
    services.post_create(author=ana, body="again", in_reply_to=root)

    response = client.get("/@ana", {"with_replies": "1"})

    assert 'href="?with_replies=1&amp;before=' in response.content.decode()
