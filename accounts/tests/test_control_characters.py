"""Display names and bios refuse control characters with a clear message on the page, the API and the admin."""

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

from accounts.models import User

pytestmark = pytest.mark.django_db

EDIT_URL = reverse("accounts:profile_edit")
ME_URL = "/api/threadly/v1/users/me"


@pytest.mark.parametrize(
    ("field", "value"), [("display_name", "Ana\x02"), ("display_name", "Ana\nLima"), ("bio", "Hello\x03")]
)
def test_the_profile_page_refuses_control_characters(user_client, user, field, value):
    data = {"display_name": "Old name", "bio": "", "email": user.email, field: value}

    response = user_client.post(EDIT_URL, data)

    assert response.status_code == 200
    assert "Remove the invisible control character" in response.content.decode()
    user.refresh_from_db()
    assert user.display_name == "Old name"


def test_the_profile_page_keeps_line_breaks_in_a_bio(user_client, user):
    user_client.post(EDIT_URL, {"display_name": "Ana", "bio": "Line one\r\nLine two", "email": user.email})

    user.refresh_from_db()
    assert user.bio.splitlines() == ["Line one", "Line two"]


@pytest.mark.parametrize(("field", "value"), [("display_name", "Ana\x02"), ("bio", "Hi\x1b[31m")])
def test_the_api_refuses_control_characters_in_your_profile(api_as, user, field, value):
    bio = user.bio

    response = api_as(user).patch(ME_URL, {field: value}, format="json")

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "validation_error"
    assert "U+00" in response.json()["error"]["fields"][field][0]
    user.refresh_from_db()
    assert (user.display_name, user.bio) == ("Old name", bio)


def test_the_api_refuses_a_control_character_in_a_new_account_name(api_client):
    data = {"username": "ana", "email": "ana@example.com", "password": "plum-kettle-orbit-93", "display_name": "A\x03"}

    response = api_client.post(reverse("api:register"), data, format="json")

    assert response.status_code == 400
    assert "display_name" in response.json()["error"]["fields"]
    assert not User.objects.filter(username="ana").exists()


def test_the_admin_form_refuses_control_characters(user):
    staff = User.objects.create_superuser(username="root", email="root@example.com", password="x")
    request = RequestFactory().get("/admin/")
    request.user = staff
    form_class = admin.site._registry[User].get_form(request, user, fields=["display_name", "bio"])

    form = form_class(data={"display_name": "Ana\x02", "bio": "ok\x07"}, instance=user)

    assert not form.is_valid()
    assert set(form.errors) == {"display_name", "bio"}
    assert "U+0002" in form.errors["display_name"][0]
