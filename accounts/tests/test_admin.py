"""The admin is the moderators' tool: its user pages must work with the custom User."""

import pytest
from django.urls import reverse

from accounts.factories import UserFactory
from accounts.models import User
from posts.factories import PostFactory
from posts.models import Post

pytestmark = pytest.mark.django_db

NEW_USER = {
    "username": "ana",
    "email": "ana@example.com",
    "password1": "plum-kettle-orbit-93",
    "password2": "plum-kettle-orbit-93",
}


def test_user_list_shows_and_searches_users(admin_client):
    UserFactory(username="ana", display_name="Ana Lima")
    UserFactory(username="bob", display_name="Bob")

    response = admin_client.get(reverse("admin:accounts_user_changelist"), {"q": "lima"})

    assert response.status_code == 200
    assert [user.username for user in response.context["cl"].result_list] == ["ana"]


def test_user_change_page_shows_counters_read_only(admin_client):
    ana = UserFactory(username="ana")

    response = admin_client.get(reverse("admin:accounts_user_change", args=[ana.pk]))

    assert response.status_code == 200
    form_fields = response.context["adminform"].form.fields
    assert "follower_count" not in form_fields
    assert {"display_name", "email", "bio", "avatar_image", "header_image", "role"} <= set(form_fields)


def test_admin_creates_a_user_with_email_and_password(admin_client):
    response = admin_client.post(reverse("admin:accounts_user_add"), NEW_USER)

    assert response.status_code == 302
    ana = User.objects.get(username="ana")
    assert ana.email == "ana@example.com"
    assert ana.check_password("plum-kettle-orbit-93")


def test_admin_refuses_a_username_that_differs_only_in_case(admin_client):
    UserFactory(username="Ana")

    response = admin_client.post(reverse("admin:accounts_user_add"), NEW_USER)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["username"] == ["That username is taken."]
    assert not User.objects.filter(username="ana").exists()


@pytest.mark.parametrize("field", ["username", "display_name"])
def test_a_name_changed_in_the_admin_bumps_the_version_of_the_persons_posts(admin_client, field):
    ana = UserFactory(username="ana", display_name="Ana")
    post = PostFactory(author=ana)
    url = reverse("admin:accounts_user_change", args=[ana.pk])
    form = admin_client.get(url).context["adminform"].form
    skipped = {"password", "last_login"}
    data = {name: value for name, value in form.initial.items() if value is not None and name not in skipped}
    data.update({"groups": [], "user_permissions": [], field: "ana_new"})
    if "date_joined" in data:
        joined = data.pop("date_joined")
        data.update({"date_joined_0": joined.strftime("%Y-%m-%d"), "date_joined_1": joined.strftime("%H:%M:%S")})
    response = admin_client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Post.objects.get(pk=post.pk).version == 2
