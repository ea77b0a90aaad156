"""Roles: user, moderator, admin. Set with `manage.py set_role` or in the user admin; what each sees there."""

import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import CommandError, call_command
from django.urls import reverse

from accounts.models import User
from moderation import services
from moderation.models import AuditLogEntry
from moderation.tests.conftest import refreshed
from posts import services as posts_services
from posts.models import Hashtag

MODERATOR_PERMISSIONS = {
    "moderation.view_report",
    "moderation.change_report",
    "moderation.view_auditlogentry",
    "posts.view_post",
    "posts.change_post",
    "accounts.view_user",
    "accounts.change_user",
    "images.view_image",
    "images.delete_image",
}


def set_role(*args) -> str:
    out = io.StringIO()
    call_command("set_role", *args, stdout=out)
    return out.getvalue()


def permissions_of(group: Group) -> set[str]:
    return {
        f"{app}.{codename}" for app, codename in group.permissions.values_list("content_type__app_label", "codename")
    }


def access_of(user: User) -> tuple:
    user = refreshed(user)
    return user.role, user.is_staff, user.is_superuser, list(user.groups.values_list("name", flat=True))


def change_form_data(response) -> dict:
    """What the admin's change form would post back unchanged: every editable field's current value."""
    form = response.context["adminform"].form
    data = {}
    for name in form.fields:
        value = form[name].value()
        if not value and value != 0:  # Unchecked boxes, empty fields and a missing avatar are not posted.
            continue
        data[name] = [str(item) for item in value] if isinstance(value, list | tuple) else value
    return data


# The set_role command


@pytest.mark.django_db
def test_set_role_makes_a_moderator(alice):
    out = set_role("alice", "moderator")

    assert "@alice is now moderator." in out
    assert access_of(alice) == ("moderator", True, False, ["Moderators"])
    assert permissions_of(Group.objects.get(name="Moderators")) == MODERATOR_PERMISSIONS
    assert refreshed(alice).has_perm("moderation.change_report")
    assert not refreshed(alice).has_perm("posts.delete_post")
    entry = AuditLogEntry.objects.get()
    assert (entry.actor, entry.actor_name, entry.action, entry.target, entry.reason) == (
        None,
        "manage.py",
        "set_role",
        "@alice",
        "role: moderator",
    )


@pytest.mark.django_db
def test_set_role_makes_an_admin(alice):
    set_role("alice", "moderator")

    out = set_role("ALICE", "admin")

    assert "@alice is now admin." in out
    assert access_of(alice) == ("admin", True, True, [])


@pytest.mark.django_db
def test_set_role_back_to_user_takes_everything_away(alice):
    set_role("alice", "moderator")

    set_role("alice", "user")

    assert access_of(alice) == ("user", False, False, [])
    assert not refreshed(alice).has_perm("moderation.view_report")
    assert AuditLogEntry.objects.filter(action="set_role").count() == 2


@pytest.mark.django_db
def test_set_role_for_an_unknown_user_fails(alice):
    with pytest.raises(CommandError, match="No user called 'nobody'"):
        set_role("nobody", "moderator")

    assert not AuditLogEntry.objects.exists()


@pytest.mark.django_db
def test_set_role_refuses_an_unknown_role(alice):
    with pytest.raises(CommandError, match="invalid choice"):
        set_role("alice", "superhero")

    assert access_of(alice) == ("user", False, False, [])


@pytest.mark.django_db
def test_the_group_keeps_its_permissions_when_they_were_tampered_with(alice, bob):
    set_role("alice", "moderator")
    group = Group.objects.get(name="Moderators")
    group.permissions.add(Permission.objects.get(codename="delete_post"))

    set_role("bob", "moderator")

    assert permissions_of(group) == MODERATOR_PERMISSIONS


# The user admin


@pytest.mark.django_db
def test_a_superuser_changing_a_role_in_the_admin_does_what_set_role_does(admin_client, alice):
    change_url = reverse("admin:accounts_user_change", args=[alice.pk])
    data = change_form_data(admin_client.get(change_url))

    response = admin_client.post(change_url, {**data, "role": "moderator"})

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert access_of(alice) == ("moderator", True, False, ["Moderators"])
    entry = AuditLogEntry.objects.get()
    assert (entry.actor_name, entry.action, entry.target, entry.reason) == (
        "admin",
        "set_role",
        "@alice",
        "role: moderator",
    )


@pytest.mark.django_db
def test_a_superuser_demoting_a_moderator_in_the_admin_takes_the_group_away(admin_client, make_moderator):
    demoted = make_moderator("demoted")
    change_url = reverse("admin:accounts_user_change", args=[demoted.pk])
    data = change_form_data(admin_client.get(change_url))

    response = admin_client.post(change_url, {**data, "role": "user"})

    assert response.status_code == 302
    assert access_of(demoted) == ("user", False, False, [])
    assert not refreshed(demoted).has_perm("moderation.view_report")


@pytest.mark.django_db
def test_a_superuser_saving_a_user_without_a_role_change_logs_nothing(admin_client, alice):
    change_url = reverse("admin:accounts_user_change", args=[alice.pk])
    data = change_form_data(admin_client.get(change_url))

    response = admin_client.post(change_url, {**data, "display_name": "Alice A."})

    assert response.status_code == 302
    assert refreshed(alice).display_name == "Alice A."
    assert not AuditLogEntry.objects.exists()


@pytest.mark.django_db
def test_a_moderator_sees_only_the_moderation_pages(mod_client):
    response = mod_client.get(reverse("admin:index"))

    assert response.status_code == 200
    shown = {
        f"{app['app_label']}.{model['object_name']}" for app in response.context["app_list"] for model in app["models"]
    }
    assert shown == {
        "moderation.Report",
        "moderation.AuditLogEntry",
        "posts.Post",
        "accounts.User",
        "images.Image",
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    "page",
    [
        "admin:posts_hashtag_changelist",
        "admin:posts_like_changelist",
        "admin:social_follow_changelist",
        "admin:notifications_notification_changelist",
        "admin:notifications_event_changelist",
        "admin:token_blacklist_outstandingtoken_changelist",
        "admin:auth_group_changelist",
        "admin:accounts_user_add",
        "admin:posts_post_add",
    ],
)
def test_a_moderator_cannot_open_the_rest_of_the_admin(mod_client, page):
    assert mod_client.get(reverse(page)).status_code == 403


@pytest.mark.django_db
def test_a_superuser_sees_everything(admin_client):
    response = admin_client.get(reverse("admin:index"))

    shown = {model["object_name"] for app in response.context["app_list"] for model in app["models"]}
    assert {
        "Report",
        "AuditLogEntry",
        "Hashtag",
        "Like",
        "Follow",
        "Notification",
        "Group",
        "OutstandingToken",
    } <= shown


@pytest.mark.django_db
def test_a_moderator_cannot_change_an_account_through_its_page(mod_client, alice):
    change_url = reverse("admin:accounts_user_change", args=[alice.pk])
    fields = [field.attname for field in User._meta.concrete_fields if field.name != "updated_at"]
    before = User.objects.values(*fields).get(pk=alice.pk)
    assert mod_client.get(change_url).status_code == 200

    mod_client.post(
        change_url,
        {
            "username": "renamed",
            "email": "x@example.com",
            "display_name": "Changed",
            "role": "admin",
            "is_active": "",
            "is_staff": "on",
            "is_superuser": "on",
        },
    )

    assert User.objects.values(*fields).get(pk=alice.pk) == before
    assert not AuditLogEntry.objects.filter(target="@alice").exists()


@pytest.mark.django_db
def test_a_moderator_cannot_grant_groups_or_permissions_through_a_user_page(mod_client, mod):
    """The Moderators' read-only user page must not let them give anyone (themselves) more power."""
    admins = Group.objects.create(name="Everything")
    admins.permissions.set(Permission.objects.all())
    delete_post = Permission.objects.get(codename="delete_post")
    change_url = reverse("admin:accounts_user_change", args=[mod.pk])

    mod_client.post(change_url, {"groups": [admins.pk], "user_permissions": [delete_post.pk]})

    mod = User.objects.get(pk=mod.pk)
    assert list(mod.groups.values_list("name", flat=True)) == ["Moderators"]
    assert not mod.user_permissions.exists()
    assert not mod.has_perm("posts.delete_post")


@pytest.mark.django_db
def test_a_moderator_cannot_set_someones_password(mod_client, admin_user):
    url = reverse("admin:auth_user_password_change", args=[admin_user.pk])
    old_hash = admin_user.password

    response = mod_client.post(
        url, {"password1": "a-new-long-password-1", "password2": "a-new-long-password-1", "usable_password": "true"}
    )

    assert refreshed(admin_user).password == old_hash
    assert response.status_code == 403


@pytest.mark.django_db
def test_a_moderator_cannot_change_a_post_through_its_page(mod_client, bob):
    post = posts_services.post_create(author=bob, body="Original #words")
    change_url = reverse("admin:posts_post_change", args=[post.pk])
    assert mod_client.get(change_url).status_code == 200

    mod_client.post(
        change_url, {"body": "Rewritten", "visibility": "followers", "author": mod_client.session["_auth_user_id"]}
    )

    post.refresh_from_db()
    assert (post.body, post.visibility, post.author) == ("Original #words", "public", bob)


@pytest.mark.django_db
def test_a_moderator_cannot_change_a_posts_tags_or_mentions(mod_client, alice, bob):
    post = posts_services.post_create(author=bob, body="Original #words")
    other_tag = Hashtag.objects.create(name="injected")

    mod_client.post(
        reverse("admin:posts_post_change", args=[post.pk]), {"hashtags": [other_tag.pk], "mentions": [alice.pk]}
    )

    assert list(post.hashtags.values_list("name", flat=True)) == ["words"]
    assert not post.mentions.exists()


@pytest.mark.django_db
def test_a_moderator_cannot_change_a_role_in_the_admin(mod_client, alice):
    change_url = reverse("admin:accounts_user_change", args=[alice.pk])

    mod_client.post(change_url, {"role": "moderator"})

    assert access_of(alice) == ("user", False, False, [])


@pytest.mark.django_db
def test_a_plain_user_cannot_reach_the_admin(client_of, alice, moderator):
    for user in (alice, moderator):  # A role without `set_role`'s staff flag is no way in either.
        response = client_of(user).get(reverse("admin:index"))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))


@pytest.mark.django_db
def test_role_set_with_an_invalid_role_changes_nothing(alice):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.role_set(user=alice, role="owner", actor=None)

    assert access_of(alice) == ("user", False, False, [])
    assert not AuditLogEntry.objects.exists()
