import pytest
from django.core.exceptions import ValidationError

from social import services
from social.models import Follow
from social.selectors import followed_among, is_following


def counts(*users) -> list[tuple[int, int]]:
    for user in users:
        user.refresh_from_db()
    return [(user.follower_count, user.following_count) for user in users]


def test_follow_create_stores_the_follow_and_counts_it(alice, bob):
    assert services.follow_create(follower=alice, followee=bob) is True

    assert Follow.objects.filter(follower=alice, followee=bob).exists()
    assert counts(alice, bob) == [(0, 1), (1, 0)]
    assert is_following(follower=alice, followee=bob)
    assert not is_following(follower=bob, followee=alice)


def test_follow_create_twice_changes_nothing_the_second_time(alice, bob):
    services.follow_create(follower=alice, followee=bob)

    assert services.follow_create(follower=alice, followee=bob) is False

    assert Follow.objects.count() == 1
    assert counts(alice, bob) == [(0, 1), (1, 0)]


def test_follow_create_refuses_following_yourself(alice):
    with pytest.raises(ValidationError) as error:
        services.follow_create(follower=alice, followee=alice)

    assert error.value.code == "self_follow"
    assert not Follow.objects.exists()
    assert counts(alice) == [(0, 0)]


def test_follow_delete_removes_the_follow_and_counts_it_down(alice, bob):
    services.follow_create(follower=alice, followee=bob)

    assert services.follow_delete(follower=alice, followee=bob) is True

    assert not Follow.objects.exists()
    assert counts(alice, bob) == [(0, 0), (0, 0)]


def test_follow_delete_without_a_follow_changes_nothing(alice, bob, carol):
    services.follow_create(follower=carol, followee=bob)

    assert services.follow_delete(follower=alice, followee=bob) is False

    assert counts(alice, bob, carol) == [(0, 0), (1, 0), (0, 1)]


def test_counts_add_up_over_several_follows(alice, bob, carol):
    services.follow_create(follower=alice, followee=bob)
    services.follow_create(follower=carol, followee=bob)
    services.follow_create(follower=bob, followee=alice)
    services.follow_delete(follower=carol, followee=bob)

    assert counts(alice, bob, carol) == [(1, 1), (1, 1), (0, 0)]


def test_followed_among_answers_for_a_whole_list_at_once(alice, bob, carol, django_assert_num_queries):
    services.follow_create(follower=alice, followee=bob)

    with django_assert_num_queries(1):
        assert followed_among(viewer=alice, user_ids=[bob.pk, carol.pk]) == {bob.pk}
