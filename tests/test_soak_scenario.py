"""The soak's scenario cannot rot unseen (bench/soak_scenario; the soak itself is bench/soak.py, not a
test): its routes reach the views they name, the patterns it reads pages with find what real pages
show, the CSRF token it takes from a page lets an htmx request through, and the locustfile loads."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client
from django.urls import resolve, reverse

from accounts.factories import UserFactory
from bench.soak_scenario import routes
from posts.factories import PostFactory
from posts.models import Like
from social.factories import FollowFactory

ROOT = Path(__file__).resolve().parent.parent
SCENARIO = ("home", "explore", "thread", "notifications", "search_posts", "search_people", "hashtag")
SCENARIO += ("post", "reply", "like", "repost", "follow")


@pytest.mark.parametrize("route", routes.ROUTES, ids=lambda route: route.name)
def test_each_route_reaches_the_view_it_names(route):
    path = route.path(**routes.SAMPLE_ARGUMENTS)
    assert resolve(path).view_name == route.url_name
    arguments = {name: value for name, value in routes.SAMPLE_ARGUMENTS.items() if f"{{{name}}}" in route.template}
    assert reverse(route.url_name, kwargs=arguments) == path


@pytest.mark.django_db
def test_the_patterns_find_what_the_pages_show_and_the_token_passes_csrf():
    reader, author, stranger = UserFactory(), UserFactory(), UserFactory()
    FollowFactory(follower=reader, followee=author)
    post = PostFactory(author=author, body="A post about #python")
    browser = Client(enforce_csrf_checks=True)

    login = browser.get(routes.LOGIN.path()).content.decode()
    assert routes.FORM_TOKEN.search(login)
    browser.force_login(reader)
    home = browser.get(routes.HOME.path()).content.decode()
    assert str(post.pk) in routes.LIKEABLE.findall(home)
    assert str(post.pk) in routes.REPOSTABLE.findall(home)
    assert str(post.pk) in routes.THREADS.findall(home)
    thread = browser.get(routes.THREAD.path(post_id=post.pk)).content.decode()
    assert routes.REPLYABLE.findall(thread) == [str(post.pk)]
    profile = browser.get(f"/@{stranger.username}").content.decode()
    assert routes.FOLLOWABLE.findall(profile) == [stranger.username]

    token = routes.HTMX_TOKEN.search(home).group(1)
    liked = browser.post(
        routes.LIKE.path(post_id=post.pk), {"next": "/"}, headers={"HX-Request": "true", "X-CSRFToken": token}
    )
    assert liked.status_code == 200
    assert Like.objects.filter(user=reader, post=post).exists()
    refused = browser.post(routes.LIKE.path(post_id=post.pk), {"next": "/"}, headers={"HX-Request": "true"})
    assert refused.status_code == 403


def test_the_locustfile_loads_with_every_task_of_the_scenario():
    """In a process of its own: importing locust patches the process with gevent."""
    program = (
        "import json, runpy; scenario = runpy.run_path('bench/soak_scenario/locustfile.py');"
        "runpy.run_path('bench/soak_scenario/step_shape.py');"
        "print(json.dumps(sorted(task.__name__ for task in scenario['Person'].tasks)))"
    )
    loaded = subprocess.run([sys.executable, "-c", program], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert loaded.returncode == 0, loaded.stderr
    assert set(json.loads(loaded.stdout.splitlines()[-1])) == set(SCENARIO)
