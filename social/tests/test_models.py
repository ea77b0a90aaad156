import pytest
from django.db import IntegrityError, transaction

from social.factories import FollowFactory
from social.models import Follow


def test_the_database_rejects_a_second_follow_of_the_same_person(db):
    follow = FollowFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        Follow.objects.create(follower=follow.follower, followee=follow.followee)

    assert Follow.objects.count() == 1


def test_following_back_is_a_different_follow(db):
    follow = FollowFactory()

    FollowFactory(follower=follow.followee, followee=follow.follower)

    assert Follow.objects.count() == 2


def test_the_database_rejects_following_yourself(alice):
    with pytest.raises(IntegrityError), transaction.atomic():
        Follow.objects.create(follower=alice, followee=alice)

    assert not Follow.objects.exists()
