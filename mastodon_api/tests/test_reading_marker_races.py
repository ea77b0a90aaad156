"""Two apps moving one marker at once, with real threads on PostgreSQL: one row, every move counted."""

import pytest

from accounts.factories import UserFactory
from mastodon_api.models import Marker
from mastodon_api.reading.markers import marker_save
from tests.races import race

ROUNDS = 3

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("round_number", range(ROUNDS))
def test_two_first_markers_at_once_leave_one_row_at_version_two(round_number):
    reader = UserFactory(username=f"reader{round_number}")

    results = race(*[lambda read=read: marker_save(user=reader, timeline="home", last_read_id=read) for read in (5, 7)])

    assert all(isinstance(result, Marker) for result in results)
    marker = Marker.objects.get(user=reader, timeline="home")
    assert marker.version == 2 and marker.last_read_id in {5, 7}
