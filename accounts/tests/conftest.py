"""Fixtures for the accounts tests: a user and a client logged in as that user."""

import pytest

from accounts.factories import UserFactory


@pytest.fixture
def user(db):
    return UserFactory(display_name="Old name")


@pytest.fixture
def user_client(client, user):
    client.force_login(user)
    return client
