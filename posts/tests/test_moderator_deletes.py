"""Deleting on the site and in the API follows the moderators' rule (accounts.roles): members' posts
and replies, not staff's; admins anyone's."""

import pytest

from accounts.factories import UserFactory
from accounts.models import User
from posts import services
from posts.models import Post

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(moderator):
    return {
        "member": UserFactory(username="member"),
        "moderator": moderator,
        "other_moderator": UserFactory(username="other_mod", role=User.Role.MODERATOR, is_staff=True),
        "admin": UserFactory(username="chief", role=User.Role.ADMIN, is_staff=True, is_superuser=True),
    }


@pytest.mark.parametrize(
    ("actor", "author", "deleted"),
    [
        ("moderator", "member", True),
        ("moderator", "other_moderator", False),
        ("moderator", "admin", False),
        ("admin", "other_moderator", True),
        ("admin", "member", True),
    ],
)
def test_deleting_a_post_page_and_api_agree(client, api_as, people, actor, author, deleted):
    on_page, in_api = (services.post_create(author=people[author], body=f"Post {n}") for n in range(2))
    client.force_login(people[actor])

    page = client.post(f"/posts/{on_page.pk}/delete/")
    api = api_as(people[actor]).delete(f"/api/threadly/v1/posts/{in_api.pk}")

    assert (page.status_code, api.status_code) == ((302, 204) if deleted else (403, 403))
    assert Post.objects.filter(pk__in=[on_page.pk, in_api.pk]).count() == (0 if deleted else 2)


@pytest.mark.parametrize(("author", "deleted"), [("member", True), ("admin", False)])
def test_deleting_a_reply_follows_the_same_rule(client, api_as, people, author, deleted):
    post = services.post_create(author=people["member"], body="Ask me")
    on_page, in_api = (
        services.post_create(author=people[author], body=f"Reply {n}", in_reply_to=post) for n in range(2)
    )
    client.force_login(people["moderator"])

    page = client.post(f"/posts/{on_page.pk}/delete/")
    api = api_as(people["moderator"]).delete(f"/api/threadly/v1/posts/{in_api.pk}")

    assert (page.status_code, api.status_code) == ((302, 204) if deleted else (403, 403))
    assert Post.objects.filter(in_reply_to=post).count() == (0 if deleted else 2)
    post.refresh_from_db()
    assert post.reply_count == (0 if deleted else 2)


def test_the_delete_link_shows_only_where_deleting_is_allowed(client, people):
    mine = services.post_create(author=people["member"], body="Mine")
    staff = services.post_create(author=people["admin"], body="Staff")
    members_reply = services.post_create(author=people["member"], body="Member's reply", in_reply_to=staff)
    staff_reply = services.post_create(author=people["admin"], body="Staff's reply", in_reply_to=mine)
    client.force_login(people["moderator"])

    assert f"/posts/{mine.pk}/delete/" in client.get(f"/posts/{mine.pk}/").content.decode()
    assert f"/posts/{staff_reply.pk}/delete/" not in client.get(f"/posts/{mine.pk}/").content.decode()
    assert f"/posts/{staff.pk}/delete/" not in client.get(f"/posts/{staff.pk}/").content.decode()
    assert f"/posts/{members_reply.pk}/delete/" in client.get(f"/posts/{staff.pk}/").content.decode()
