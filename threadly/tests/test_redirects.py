import pytest
from django.urls import reverse

from accounts.factories import UserFactory
from threadly.redirects import redirect_back

FALLBACK = "/fallback/"


@pytest.mark.parametrize("target", ["/explore/", "/@ana?x=1#posts"])
def test_redirect_back_follows_a_local_next(rf, target):
    response = redirect_back(rf.post("/", {"next": target}), FALLBACK)

    assert response.url == target


def test_redirect_back_reads_next_from_the_query_string_too(rf):
    assert redirect_back(rf.get("/", {"next": "/explore/"}), FALLBACK).url == "/explore/"


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/",
        "http://evil.example/@ana",
        "javascript:alert(1)",
        "https:///evil.example",
    ],
)
def test_redirect_back_refuses_an_off_site_next(rf, target):
    response = redirect_back(rf.post("/", {"next": target}), FALLBACK)

    assert response.url == FALLBACK


def test_redirect_back_without_next_uses_the_fallback(rf):
    assert redirect_back(rf.post("/"), FALLBACK).url == FALLBACK


def test_redirect_back_accepts_the_sites_own_full_address(rf):
    response = redirect_back(rf.post("/", {"next": "http://testserver/explore/"}), FALLBACK)

    assert response.url == "http://testserver/explore/"


def test_redirect_back_refuses_plain_http_on_a_secure_request(rf):
    request = rf.post("/", {"next": "http://testserver/explore/"}, secure=True)

    assert redirect_back(request, FALLBACK).url == FALLBACK


@pytest.mark.django_db
def test_following_someone_with_an_off_site_next_lands_on_their_profile(client):
    client.force_login(UserFactory())
    ana = UserFactory(username="ana")

    response = client.post(reverse("social:follow", args=["ana"]), {"next": "https://evil.example/"})

    assert response.status_code == 302
    assert response.url == ana.get_absolute_url()
