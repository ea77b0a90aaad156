"""Removing and restoring posts and replies from the admin: hidden everywhere, kept, and back again."""

import pytest
from django.urls import reverse

from moderation import services as moderation_services
from moderation.models import Report
from moderation.tests.conftest import (
    POSTS_URL,
    REPORTS_URL,
    admin_action,
    messages_of,
    moderation_log,
    refreshed,
)
from posts import services as posts_services
from posts.models import Post
from posts.tests.helpers import post_ids_on
from search.tests.helpers import api_post_ids, found_post_ids
from social import services as social_services

# Remove and restore


@pytest.mark.django_db
def test_removing_a_post_hides_it_everywhere_but_keeps_it(
    mod_client, client_of, api_as, api_client, alice, carol, post, report_of
):
    social_services.follow_create(follower=carol, followee=post.author)
    report = report_of(alice, post)
    other_report = report_of(carol, post, reason="abuse")

    response = admin_action(mod_client, REPORTS_URL, "remove_content", [report], reason="Spam link")

    assert messages_of(response) == ["Removed 1."]
    assert Post.objects.filter(pk=post.pk, removed_at__isnull=False).exists()
    reader = client_of(carol)
    assert reader.get(post.get_absolute_url()).status_code == 404
    assert post.pk not in post_ids_on(reader.get(reverse("social:home")))
    assert post.pk not in post_ids_on(reader.get(reverse("social:explore")))
    assert post.pk not in post_ids_on(reader.get(post.author.get_absolute_url()))
    assert found_post_ids(reader, "watches") == []
    assert api_post_ids(api_client, "watches") == []
    assert api_as(carol).get(f"/api/threadly/v1/posts/{post.pk}").status_code == 404
    assert post.pk not in [item["id"] for item in api_client.get("/api/threadly/v1/posts/public").json()["results"]]
    assert post.author.username  # The author is untouched.
    assert refreshed(post.author).is_active
    for handled in (refreshed(report), refreshed(other_report)):
        assert handled.status == "actioned"
        assert handled.handled_at is not None
    entry = moderation_log().get()
    assert (entry.action, entry.reason, entry.target) == ("remove", "Spam link", f"post #{post.pk} by @bob")


@pytest.mark.django_db
def test_the_author_does_not_see_their_removed_post_either(mod_client, client_of, alice, bob, post, report_of):
    admin_action(mod_client, REPORTS_URL, "remove_content", [report_of(alice, post)])

    assert client_of(bob).get(post.get_absolute_url()).status_code == 404


@pytest.mark.django_db
def test_removing_a_reply_hides_it_from_the_post_and_the_api(mod_client, client_of, api_as, alice, reply, report_of):
    report = report_of(alice, reply)

    admin_action(mod_client, REPORTS_URL, "remove_content", [report], reason="Insult")

    assert Post.objects.filter(pk=reply.pk, removed_at__isnull=False).exists()
    page = client_of(alice).get(reply.in_reply_to.get_absolute_url())
    assert page.status_code == 200
    assert "You are an idiot" not in page.content.decode()
    api = api_as(alice)
    assert reply.pk not in [
        item["id"] for item in api.get(f"/api/threadly/v1/posts/{reply.in_reply_to_id}/replies").json()["results"]
    ]
    assert api.get(f"/api/threadly/v1/posts/{reply.pk}").status_code == 404
    assert refreshed(report).status == "actioned"
    assert moderation_log().get().target == f"reply #{reply.pk} by @bob"


@pytest.mark.django_db
def test_remove_skips_reports_about_people(mod_client, alice, bob, post, report_of):
    about_bob = report_of(alice, bob)
    about_post = report_of(alice, post)

    response = admin_action(mod_client, REPORTS_URL, "remove_content", [about_bob, about_post])

    why = "it is about a person, not a post or reply"
    assert messages_of(response) == [f"Removed 1; skipped report #{about_bob.pk}: {why}."]
    assert refreshed(about_bob).status == "open"
    assert refreshed(bob).is_active
    assert moderation_log().filter(action="remove").count() == 1


@pytest.mark.django_db
def test_remove_in_bulk(mod_client, alice, carol, post, reply, report_of):
    reports = [report_of(alice, post), report_of(carol, reply)]

    admin_action(mod_client, REPORTS_URL, "remove_content", reports)

    assert not Post.objects.filter(pk=post.pk, removed_at=None).exists()
    assert not Post.objects.filter(pk=reply.pk, removed_at=None).exists()
    assert set(Report.objects.values_list("status", flat=True)) == {"actioned"}


@pytest.mark.django_db
def test_removing_and_restoring_a_post_from_the_posts_list(mod_client, mod, client_of, alice, post):
    removed = admin_action(mod_client, POSTS_URL, "remove_selected", [post], reason="Spam")

    assert removed.status_code == 302
    assert client_of(alice).get(post.get_absolute_url()).status_code == 404

    restored = admin_action(mod_client, POSTS_URL, "restore_selected", [post], reason="Appeal upheld")

    assert messages_of(restored)[-1] == "Restored 1."
    assert refreshed(post).removed_at is None
    assert client_of(alice).get(post.get_absolute_url()).status_code == 200
    assert post.pk in post_ids_on(client_of(alice).get(reverse("social:explore")))
    assert found_post_ids(client_of(alice), "watches") == [post.pk]
    actions = list(moderation_log().order_by("id").values_list("actor", "action", "reason"))
    assert actions == [(mod.pk, "remove", "Spam"), (mod.pk, "restore", "Appeal upheld")]


@pytest.mark.django_db
def test_restoring_a_reply_from_the_posts_list(mod_client, client_of, alice, reply, report_of):
    admin_action(mod_client, REPORTS_URL, "remove_content", [report_of(alice, reply)])

    admin_action(mod_client, POSTS_URL, "restore_selected", [reply])

    assert refreshed(reply).removed_at is None
    assert "You are an idiot" in client_of(alice).get(reply.in_reply_to.get_absolute_url()).content.decode()
    assert moderation_log().filter(action="restore", target=f"reply #{reply.pk} by @bob").count() == 1


@pytest.mark.django_db
def test_restore_touches_only_removed_content(mod_client, post):
    admin_action(mod_client, POSTS_URL, "restore_selected", [post])

    assert not moderation_log().exists()


@pytest.mark.django_db
def test_the_posts_list_filters_removed_posts(mod_client, post, bob):
    other = posts_services.post_create(author=bob, body="fine")
    admin_action(mod_client, POSTS_URL, "remove_selected", [post])

    response = mod_client.get(POSTS_URL, {"removed_at__isnull": "False"})

    assert [row.pk for row in response.context["cl"].result_list] == [post.pk]
    assert other.pk not in [row.pk for row in response.context["cl"].result_list]


def test_removing_a_reply_takes_it_out_of_the_reply_count_and_restoring_puts_it_back(alice, bob):
    post = posts_services.post_create(author=alice, body="Hello")
    reply = posts_services.post_create(author=bob, in_reply_to=post, body="Spam spam")

    moderation_services.content_remove(content=reply, moderator=None, reason="spam")
    moderation_services.content_remove(content=reply, moderator=None, reason="twice")
    post.refresh_from_db()
    assert post.reply_count == 0

    moderation_services.content_restore(content=reply, moderator=None, reason="appeal")
    post.refresh_from_db()
    assert post.reply_count == 1
