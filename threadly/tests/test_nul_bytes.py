"""A NUL byte in a query string is a clear 400 everywhere: pages, the API (its envelope) and the admin."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    ["/admin/accounts/user/?role=%00", "/admin/accounts/user/?username__exact=a%00b", "/admin/posts/post/?q=%00"],
)
def test_admin_filters_with_a_nul_are_a_400(admin_client, url):
    assert admin_client.get(url).status_code == 400


@pytest.mark.parametrize("url", ["/explore/?before=%00", "/search/?q=a%00b", "/explore/?a%00=1"])
def test_pages_with_a_nul_are_a_400(client, url):
    assert client.get(url).status_code == 400


def test_the_api_answers_a_nul_with_its_error_envelope(api_client):
    response = api_client.get("/api/v1/search?q=a%00b&type=users")

    assert response.status_code == 400
    assert response.json()["error"]["code"]
