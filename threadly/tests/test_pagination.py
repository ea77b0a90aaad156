import pytest
from django.core.exceptions import BadRequest

from accounts.factories import UserFactory
from accounts.models import User
from threadly.pagination import BrokenCursor, cursor_from, paginate_by_id


@pytest.mark.parametrize(("query", "expected"), [({}, None), ({"before": ""}, None), ({"before": "42"}, 42)])
def test_cursor_from_reads_a_whole_number_or_nothing(rf, query, expected):
    assert cursor_from(rf.get("/", query)) == expected


def test_cursor_from_reads_the_named_parameter(rf):
    assert cursor_from(rf.get("/", {"after": "7", "before": "9"}), "after") == 7


@pytest.mark.parametrize("raw", ["abc", "-1", "0", "1.5", " 1", "1e3", "0x10", "9" * 19])
def test_cursor_from_rejects_anything_but_an_id_with_bad_request(rf, raw):
    with pytest.raises(BadRequest, match="'before' part of the address is not a page"):
        cursor_from(rf.get("/", {"before": raw}))


def test_cursor_from_refuses_a_broken_cursor_of_the_other_kind_too(rf):
    with pytest.raises(BrokenCursor, match="'after'"):
        cursor_from(rf.get("/", {"before": "9", "after": "x"}))


@pytest.mark.django_db
def test_a_non_ascii_digit_cursor_is_a_400_not_a_500(client):
    # "²".isdigit() is True, but int("²") fails: only ASCII digits make a cursor.
    client.raise_request_exception = False

    response = client.get("/explore/", {"before": "²"})

    assert response.status_code == 400, f"?before=² answered {response.status_code}, not 400"


@pytest.fixture
def five_users(db):
    """Five users, oldest first, so their ids ascend."""
    return [UserFactory() for _ in range(5)]


def test_newest_first_pages_walk_down_the_ids(five_users):
    ids = [user.pk for user in five_users]

    first = paginate_by_id(User.objects.all(), cursor=None, size=2)
    second = paginate_by_id(User.objects.all(), cursor=first.next_cursor, size=2)
    last = paginate_by_id(User.objects.all(), cursor=second.next_cursor, size=2)

    assert [user.pk for user in first.items] == [ids[4], ids[3]]
    assert first.next_cursor == ids[3]
    assert [user.pk for user in second.items] == [ids[2], ids[1]]
    assert second.next_cursor == ids[1]
    assert [user.pk for user in last.items] == [ids[0]]
    assert last.next_cursor is None


def test_oldest_first_pages_walk_up_the_ids(five_users):
    ids = [user.pk for user in five_users]

    first = paginate_by_id(User.objects.all(), cursor=None, size=3, newest_first=False)
    last = paginate_by_id(User.objects.all(), cursor=first.next_cursor, size=3, newest_first=False)

    assert [user.pk for user in first.items] == ids[:3]
    assert first.next_cursor == ids[2]
    assert [user.pk for user in last.items] == ids[3:]
    assert last.next_cursor is None


@pytest.mark.parametrize("newest_first", [True, False])
def test_no_next_cursor_when_the_rows_fill_the_page_exactly(five_users, newest_first):
    page = paginate_by_id(User.objects.all(), cursor=None, size=5, newest_first=newest_first)

    assert len(page.items) == 5
    assert page.next_cursor is None


@pytest.mark.django_db
def test_an_empty_queryset_is_an_empty_last_page():
    page = paginate_by_id(User.objects.all(), cursor=None, size=3)

    assert (page.items, page.next_cursor) == ([], None)


def test_a_page_costs_one_query(five_users, django_assert_num_queries):
    with django_assert_num_queries(1):
        paginate_by_id(User.objects.all(), cursor=five_users[3].pk, size=2)


def test_rows_added_after_the_first_page_do_not_shift_the_next_one(five_users):
    ids = [user.pk for user in five_users]
    first = paginate_by_id(User.objects.all(), cursor=None, size=2)
    UserFactory.create_batch(3)

    second = paginate_by_id(User.objects.all(), cursor=first.next_cursor, size=2)

    assert [user.pk for user in second.items] == [ids[2], ids[1]]


@pytest.mark.parametrize("newest_first", [True, False])
def test_a_cursor_beyond_the_id_range_is_handled_by_the_database_query(five_users, newest_first):
    """cursor_from accepts up to 19 digits, more than a bigint holds; the query must still work."""
    page = paginate_by_id(User.objects.all(), cursor=int("9" * 19), size=10, newest_first=newest_first)

    assert len(page.items) == (5 if newest_first else 0)
