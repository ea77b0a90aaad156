import pytest
from django.db import IntegrityError, transaction

from posts.factories import LikeFactory
from posts.models import Like


def test_the_database_rejects_a_second_like_of_the_same_post_by_the_same_user(db):
    like = LikeFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        Like.objects.create(user=like.user, post=like.post)

    assert Like.objects.count() == 1


def test_different_users_may_like_the_same_post(db):
    like = LikeFactory()

    LikeFactory(post=like.post)

    assert Like.objects.filter(post=like.post).count() == 2
