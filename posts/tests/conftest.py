import pytest

from accounts.factories import UserFactory
from posts import services
from posts.models import Post
from social.services import follow_create


@pytest.fixture
def post(alice):
    """A public post by alice, made through the service so the counters are right."""
    return services.post_create(author=alice, body="Hello #threadly")


@pytest.fixture
def followers_post(alice):
    return services.post_create(author=alice, body="Only for my followers", visibility=Post.Visibility.FOLLOWERS)


@pytest.fixture
def follower(alice):
    """Someone who follows alice."""
    user = UserFactory(username="fan")
    follow_create(follower=user, followee=alice)
    return user
