"""The report queue in the admin, driven through its real URLs: the list, dismiss and warn."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.factories import UserFactory
from moderation.models import Report
from moderation.tests.conftest import (
    REPORTS_URL,
    USERS_URL,
    admin_action,
    messages_of,
    moderation_log,
    refreshed,
)
from notifications.models import Notification
from posts import services as posts_services
from social import services as social_services
from tests.budgets import SESSION_QUERIES

# The queue's changelist costs this many queries whatever its length and whatever the reports are about.
QUEUE_QUERY_BUDGET = SESSION_QUERIES + 5


def queue(client) -> list[Report]:
    response = client.get(REPORTS_URL)
    assert response.status_code == 200
    return list(response.context["cl"].result_list)


# The list


@pytest.mark.django_db
def test_open_reports_come_first_oldest_first(mod_client, alice, carol, post, reply, report_of):
    handled = report_of(alice, post)
    Report.objects.filter(pk=handled.pk).update(
        status=Report.Status.DISMISSED, created_at=timezone.now() - datetime.timedelta(days=3)
    )
    older_open = report_of(carol, post)
    Report.objects.filter(pk=older_open.pk).update(created_at=timezone.now() - datetime.timedelta(days=1))
    newer_open = report_of(alice, reply, reason="abuse")

    assert [report.pk for report in queue(mod_client)] == [older_open.pk, newer_open.pk, handled.pk]


@pytest.mark.django_db
def test_the_queue_shows_the_reported_words_the_author_and_the_reporter(
    mod_client, alice, carol, post, reply, bob, report_of
):
    report_of(alice, post)
    report_of(carol, reply, reason="other", text="Rude to me")
    bob.bio = "I sell followers"
    bob.save()
    report_of(alice, bob, reason="abuse")

    page = mod_client.get(REPORTS_URL).content.decode()

    assert "Buy cheap watches at spam.example" in page
    assert "You are an idiot" in page
    assert "I sell followers" in page
    assert f'href="{post.get_absolute_url()}"' in page
    assert ">alice<" in page and ">carol<" in page
    assert ">bob<" in page


@pytest.mark.django_db
def test_a_report_page_shows_the_reporter_their_words_and_the_content(mod_client, carol, reply, report_of):
    report = report_of(carol, reply, reason="other", text="Rude to me")

    response = mod_client.get(reverse("admin:moderation_report_change", args=[report.pk]))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Rude to me" in page
    assert "You are an idiot" in page
    assert "carol" in page


@pytest.mark.django_db
def test_removed_content_is_marked_in_the_queue(mod_client, alice, post, report_of):
    report_of(alice, post)
    admin_action(mod_client, REPORTS_URL, "remove_content", Report.objects.all())

    assert "spam.example [removed]" in mod_client.get(REPORTS_URL).content.decode()


@pytest.mark.django_db
def test_the_queue_costs_the_same_with_one_report_and_thirty(mod_client, alice, report_of):
    def make_reports(count: int) -> None:
        """Reports about posts, replies and people in turn."""
        for _ in range(count):
            author = UserFactory()
            target = posts_services.post_create(author=author, body="spam")
            if Report.objects.count() % 3 == 1:
                target = posts_services.post_create(author=author, in_reply_to=target, body="rude")
            elif Report.objects.count() % 3 == 2:
                target = author
            report_of(alice, target)

    make_reports(1)
    with CaptureQueriesContext(connection) as with_one:
        assert len(queue(mod_client)) == 1
    make_reports(29)
    with CaptureQueriesContext(connection) as with_thirty:
        assert len(queue(mod_client)) == 30

    assert len(with_one) == len(with_thirty) == QUEUE_QUERY_BUDGET


@pytest.mark.django_db
def test_the_queue_can_be_filtered_and_searched(mod_client, alice, post, report_of):
    report_of(alice, post)

    assert mod_client.get(REPORTS_URL, {"status__exact": "open"}).status_code == 200
    assert mod_client.get(REPORTS_URL, {"q": "watches"}).status_code == 200
    assert len(mod_client.get(REPORTS_URL, {"q": "watches"}).context["cl"].result_list) == 1


@pytest.mark.django_db
@pytest.mark.parametrize("as_superuser", [False, True])
def test_nobody_adds_or_deletes_reports_in_the_admin(mod_client, admin_client, alice, post, report_of, as_superuser):
    client = admin_client if as_superuser else mod_client
    report = report_of(alice, post)

    assert client.get(reverse("admin:moderation_report_add")).status_code == 403
    assert client.post(reverse("admin:moderation_report_add"), {"reason": "spam", "post": post.pk}).status_code == 403
    assert client.get(reverse("admin:moderation_report_delete", args=[report.pk])).status_code == 403
    assert client.post(reverse("admin:moderation_report_delete", args=[report.pk]), {"post": "yes"}).status_code == 403
    admin_action(client, REPORTS_URL, "delete_selected", [report])
    response = client.get(REPORTS_URL)

    assert "delete_selected" not in response.content.decode()
    assert Report.objects.filter(pk=report.pk).exists()


@pytest.mark.django_db
def test_posting_a_report_change_changes_nothing(mod_client, alice, post, report_of):
    report = report_of(alice, post)

    mod_client.post(
        reverse("admin:moderation_report_change", args=[report.pk]), {"status": "dismissed", "reason": "abuse"}
    )

    assert (refreshed(report).status, report.reason) == ("open", "spam")


@pytest.mark.django_db
def test_a_plain_user_cannot_see_the_queue(client_of, alice, post, report_of):
    report_of(alice, post)

    response = client_of(alice).get(REPORTS_URL)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


# Dismiss


@pytest.mark.django_db
def test_dismiss_closes_the_report_and_leaves_the_content(mod_client, mod, alice, post, report_of):
    report = report_of(alice, post)

    response = admin_action(mod_client, REPORTS_URL, "dismiss", [report], reason="Not spam")

    assert response.status_code == 302
    report = refreshed(report)
    assert (report.status, report.handled_by) == ("dismissed", mod)
    assert report.handled_at is not None
    assert refreshed(post).removed_at is None
    assert mod_client.get(post.get_absolute_url()).status_code == 200
    entry = moderation_log().get()
    assert (entry.actor, entry.action, entry.reason) == (mod, "dismiss", "Not spam")
    assert entry.target == f"post #{post.pk} by @bob"


@pytest.mark.django_db
def test_dismiss_in_bulk(mod_client, alice, carol, post, reply, bob, report_of):
    reports = [report_of(alice, post), report_of(carol, reply), report_of(alice, bob)]

    response = admin_action(mod_client, REPORTS_URL, "dismiss", reports)

    assert "Dismissed 3." in messages_of(response)
    assert set(Report.objects.values_list("status", flat=True)) == {"dismissed"}
    assert moderation_log().filter(action="dismiss").count() == 3
    assert refreshed(bob).is_active


# Warn


def warnings_of(user) -> list[str]:
    return list(Notification.objects.filter(recipient=user, kind="warning").values_list("event__note", flat=True))


@pytest.mark.django_db
def test_warning_the_author_tells_them_on_the_page_and_in_the_api(
    mod_client, mod, client_of, api_as, alice, bob, post, report_of, delivered
):
    report = report_of(alice, post)

    with delivered():
        response = admin_action(mod_client, REPORTS_URL, "warn_author", [report], reason="No advertising, please.")

    assert "Warned 1." in messages_of(response)
    assert warnings_of(bob) == ["No advertising, please."]
    assert not Notification.objects.exclude(recipient=bob).exists()
    page = client_of(bob).get(reverse("notifications:list")).content.decode()
    assert "A moderator warned you:</strong> <bdi>No advertising, please.</bdi>" in page
    texts = [item["text"] for item in api_as(bob).get("/api/threadly/v1/notifications").json()["results"]]
    assert texts == ["A moderator warned you: No advertising, please."]
    assert refreshed(report).status == "actioned"
    assert refreshed(post).removed_at is None
    entry = moderation_log().get()
    assert (entry.actor, entry.action, entry.target, entry.reason) == (mod, "warn", "@bob", "No advertising, please.")


@pytest.mark.django_db
def test_a_warning_reaches_someone_who_blocked_the_moderator(
    mod_client, mod, client_of, api_as, alice, bob, post, report_of, delivered
):
    social_services.block_create(blocker=bob, blocked=mod)

    with delivered():
        admin_action(mod_client, REPORTS_URL, "warn_author", [report_of(alice, post)], reason="Be kind.")

    assert warnings_of(bob) == ["Be kind."]
    texts = [item["text"] for item in api_as(bob).get("/api/threadly/v1/notifications").json()["results"]]
    page = client_of(bob).get(reverse("notifications:list")).content.decode()
    assert texts == ["A moderator warned you: Be kind."]
    assert "A moderator warned you:</strong> <bdi>Be kind.</bdi>" in page


@pytest.mark.django_db
def test_warning_in_bulk_from_the_queue(mod_client, alice, carol, post, reply, report_of, delivered):
    reports = [report_of(alice, post), report_of(carol, reply), report_of(alice, carol)]

    with delivered():
        admin_action(mod_client, REPORTS_URL, "warn_author", reports, reason="Rules")

    assert warnings_of(post.author) == ["Rules", "Rules"]
    assert warnings_of(carol) == ["Rules"]
    assert moderation_log().filter(action="warn").count() == 3


@pytest.mark.django_db
def test_warning_people_from_the_users_list(mod_client, alice, bob, delivered):
    with delivered():
        response = admin_action(mod_client, USERS_URL, "warn_selected", [alice, bob], reason="Calm down")

    assert messages_of(response) == ["Warned 2."]
    assert warnings_of(alice) == warnings_of(bob) == ["Calm down"]
    assert moderation_log().filter(action="warn").count() == 2


@pytest.mark.django_db
def test_a_warning_needs_words(mod_client, alice, delivered):
    with delivered():
        response = admin_action(mod_client, USERS_URL, "warn_selected", [alice], reason="  ")

    assert "Write the warning in the Reason field." in messages_of(response)
    assert warnings_of(alice) == []
    assert not moderation_log().exists()


@pytest.mark.django_db
def test_a_superuser_works_the_queue_too(admin_client, alice, post, report_of):
    report = report_of(alice, post)

    admin_action(admin_client, REPORTS_URL, "remove_content", [report])

    assert refreshed(post).removed_at is not None
    assert moderation_log().get().actor_name == "admin"
