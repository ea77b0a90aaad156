"""Two pins at once with two posts pinned already, with real threads on PostgreSQL: three pins, not four."""

import pytest
from django.core.exceptions import ValidationError

from accounts.factories import UserFactory
from posts import pins
from posts.models import Pin
from posts.services import post_create
from tests.races import race

ROUNDS = 5

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("round_number", range(ROUNDS))
def test_two_pins_at_once_at_two_pinned_leave_three(round_number):
    alice = UserFactory(username=f"alice{round_number}")
    first, second, third, fourth = (post_create(author=alice, body=f"post {number}") for number in range(4))
    pins.post_pin(user=alice, post=first)
    pins.post_pin(user=alice, post=second)

    results = race(lambda: pins.post_pin(user=alice, post=third), lambda: pins.post_pin(user=alice, post=fourth))

    assert sorted(type(result).__name__ for result in results) == ["ValidationError", "bool"]
    assert [result for result in results if not isinstance(result, ValidationError)] == [True]
    assert Pin.objects.filter(user=alice).count() == 3
