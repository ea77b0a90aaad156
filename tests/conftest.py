"""Fixtures of the tests in tests/: the parity tests' world, and a page and an API client for each of its viewers."""

import pytest
from django.test import Client
from rest_framework.test import APIClient

from posts.tests.policy_world import build_world


@pytest.fixture
def world(django_capture_on_commit_callbacks):
    return build_world(django_capture_on_commit_callbacks)


@pytest.fixture
def doors(api_as, world):
    """For each viewer: (page client, API client), logged in as them."""
    clients = {}
    for role, who in world.viewers.items():
        page, api = Client(), APIClient()
        if who.is_authenticated:
            page.force_login(who)
            api = api_as(who)
        clients[role] = (page, api)
    return clients
