import pytest
from django.contrib.auth import get_user
from django.contrib.sessions.backends.db import SessionStore
from django.utils.functional import SimpleLazyObject

from accounts.factories import UserFactory
from posts.factories import PostFactory
from threadly.views import server_error


def template_names(response) -> list[str]:
    return [template.name for template in response.templates]


@pytest.mark.django_db
def test_a_missing_profile_is_a_404_page_in_the_layout(client):
    response = client.get("/@nobody")

    assert response.status_code == 404
    assert template_names(response)[:2] == ["404.html", "base.html"]
    assert "Nothing here" in response.text


@pytest.mark.django_db
def test_an_unknown_address_is_a_404_page(client):
    response = client.get("/no/such/page/")

    assert response.status_code == 404
    assert "404.html" in template_names(response)


@pytest.mark.django_db
def test_a_malformed_cursor_is_the_broken_link_page(client):
    response = client.get("/explore/", {"before": "abc"})

    assert response.status_code == 400
    assert template_names(response)[:2] == ["400_broken_link.html", "base.html"]
    assert "This link is broken" in response.text


@pytest.mark.django_db
def test_a_forbidden_action_is_a_403_page_in_the_layout(client):
    post = PostFactory()
    client.force_login(UserFactory())

    response = client.get(f"/posts/{post.pk}/edit/")

    assert response.status_code == 403
    assert template_names(response)[:2] == ["403.html", "base.html"]
    assert "Only the author can edit a post." in response.text
    assert 'class="site-header"' in response.text


def test_the_500_page_renders_without_touching_the_database(rf):
    """No `db` fixture: pytest-django makes any query here raise."""
    request = rf.get("/explode/")
    request.session = SessionStore(session_key="a" * 32)
    request.user = SimpleLazyObject(lambda: get_user(request))

    response = server_error(request)

    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()
    assert 'class="site-header"' in response.content.decode()
    # The lazy user above would have queried the database had the page looked at it.
    with pytest.raises(RuntimeError, match="Database access not allowed"):
        request.user.is_authenticated  # noqa: B018


@pytest.mark.django_db
def test_an_unhandled_error_answers_with_the_500_page(client, monkeypatch):
    def explode(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("posts.policy.explore_posts", explode)
    client.raise_request_exception = False

    response = client.get("/explore/")

    assert response.status_code == 500
    assert "500.html" in template_names(response)


@pytest.mark.django_db
def test_a_form_without_its_csrf_token_gets_a_403_page_that_says_what_to_do():
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post("/accounts/login/", {"username": "x", "password": "y"})

    assert response.status_code == 403
    assert "Reload the page and try again" in response.text
    assert "site-header" in response.text
