"""A NUL byte in the admin's query string is a 400, never a 500 (its list filters and search)."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/admin/accounts/user/?role=%00",
        "/admin/accounts/user/?username__exact=a%00b",
        "/admin/posts/post/?q=%00",
        "/admin/accounts/user/?a%00=1",
    ],
)
def test_admin_lists_with_a_nul_are_a_400(admin_client, url):
    assert admin_client.get(url).status_code == 400


def test_admin_lists_without_one_still_answer(admin_client):
    assert admin_client.get("/admin/accounts/user/?role=user").status_code == 200
