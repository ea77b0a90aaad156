"""Hydrated pages show what the unhydrated ones show: PostSerializer's JSON and _post.html's markup,
for the same viewer, whether the renderings come from the cache or not."""

import json
import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.urls import reverse
from django_htmx.middleware import HtmxDetails
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from posts import policy
from posts.api.serializers import PostSerializer
from posts.mentions import mark_linked_mentions
from posts.tests.hydration_world import build_hydration_world

pytestmark = pytest.mark.django_db

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
ARTICLE = re.compile(r'<article class="post".*?</article>', re.DOTALL)


def lists_for(world):
    """(page URL, API URL, the list's queryset for the viewer) for each hydrated list."""
    viewer = world.viewer

    def home():
        return policy.home_posts(viewer)

    def explore():
        return policy.explore_posts(viewer)

    def profile():
        return policy.profile_posts(viewer=viewer, author=world.ana)

    return {
        "home": ("/", reverse("api:post-list"), home),
        "explore": (reverse("social:explore"), reverse("api:post-public"), explore),
        "profile": (reverse("social:profile", args=["ana"]), reverse("api:user-posts", args=["ana"]), profile),
    }


def marked(viewer, posts) -> list:
    page = policy.mark_posts(viewer=viewer, posts=list(posts.order_by("-id")[:30]))
    mark_linked_mentions(page)
    return page


def expected_json(viewer, posts, path: str) -> list:
    request = Request(APIRequestFactory().get(path))
    data = PostSerializer(marked(viewer, posts), many=True, context={"request": request}).data
    return json.loads(JSONRenderer().render(data))


def expected_articles(viewer, posts, path: str) -> list[str]:
    request = RequestFactory().get(path)
    request.user = viewer
    request.htmx = HtmxDetails(request)
    return [
        CSRF.sub("csrf", render_to_string("posts/_post.html", {"post": post}, request=request)).strip()
        for post in marked(viewer, posts)
    ]


def articles_on(response) -> list[str]:
    return [CSRF.sub("csrf", article) for article in ARTICLE.findall(response.content.decode())]


@pytest.fixture(params=[False, True], ids=["member", "moderator"])
def world(request):
    return build_hydration_world(moderator=request.param)


@pytest.mark.parametrize("name", ["home", "explore", "profile"])
def test_api_pages_are_postserializers_json(world, api_as, name):
    _, url, posts = lists_for(world)[name]
    api = api_as(world.viewer)
    expected = expected_json(world.viewer, posts(), url)
    assert len(expected) > 5
    if name == "home":
        states = {item["quote_state"] for item in expected} | {
            item["repost_of"] and item["repost_of"]["quote_state"] for item in expected
        }
        assert {"ok", "unavailable", "detached"} <= states
        assert any(item["reply_refusal"] for item in expected)
    for _ in ("cold", "warm"):
        response = api.get(url)
        assert response.status_code == 200
        assert response.json()["results"] == expected


@pytest.mark.parametrize("name", ["home", "explore", "profile"])
def test_pages_are_post_html_markup(world, client, name):
    url, _, posts = lists_for(world)[name]
    client.force_login(world.viewer)
    expected = expected_articles(world.viewer, posts(), url)
    assert len(expected) > 5
    if name == "home":  # Every kind of post is on this page.
        for sign in (
            "You</a> reposted",
            "Ana A</a> reposted",
            '<blockquote class="quote-card"',
            "detached their",
            "This post is unavailable",
            "like liked",
            "bookmarked",
            "Replies limited",
            "· edited",
        ):
            assert any(sign in article for article in expected), sign
    for _ in ("cold", "warm"):
        assert articles_on(client.get(url)) == [article.strip() for article in expected]


def test_without_redis_the_pages_are_the_same(world, client, api_as, settings):
    settings.REDIS_URL = ""  # The embedded default: every rendering is made afresh.
    url, api_url, posts = lists_for(world)["home"]
    client.force_login(world.viewer)
    assert articles_on(client.get(url)) == [a.strip() for a in expected_articles(world.viewer, posts(), url)]
    assert api_as(world.viewer).get(api_url).json()["results"] == expected_json(world.viewer, posts(), api_url)


def test_anonymous_explore_is_the_same_in_both_doors(world):
    viewer = AnonymousUser()
    posts = policy.explore_posts(viewer)
    url = reverse("social:explore")
    assert articles_on(Client().get(url)) == expected_articles(viewer, posts, url)
    api_url = reverse("api:post-public")
    assert Client().get(api_url).json()["results"] == expected_json(viewer, posts, api_url)
