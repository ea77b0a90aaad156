"""Each app registers the figures it owns; /metrics (and threadly_stats) read them from the registry."""

import pytest
from prometheus_client.parser import text_string_to_metric_families

from accounts.factories import UserFactory
from moderation import services as moderation
from posts import services as posts
from threadly.observability.metrics import registered_metrics


def names_by_app() -> dict[str, set[str]]:
    return {app_label: {gauge.name for gauge in gauges} for app_label, gauges in registered_metrics().items()}


def test_each_app_registers_the_figures_it_owns():
    registered = names_by_app()

    assert registered["notifications"] == {
        "threadly_outbox_events",
        "threadly_outbox_oldest_pending_age_seconds",
        "threadly_notifications_unread",
    }
    assert registered["accounts"] == {"threadly_users"}
    assert registered["posts"] == {"threadly_posts", "threadly_replies"}
    assert registered["moderation"] == {"threadly_reports"}
    assert "threadly" not in registered


@pytest.mark.django_db
def test_a_scrape_reads_every_apps_figures(client, alice, bob):
    posts.post_create(author=alice, body="Shown")
    removed = posts.post_create(author=alice, body="Removed")
    moderation.content_remove(content=removed, moderator=None, reason="spam")
    moderation.user_suspend(user=bob, moderator=None, reason="spam")
    client.force_login(UserFactory(is_staff=True))

    response = client.get("/metrics")

    samples = {
        (sample.name, tuple(sample.labels.values())): sample.value
        for family in text_string_to_metric_families(response.text)
        for sample in family.samples
    }
    assert samples[("threadly_users", ("active",))] == 2  # alice and the staff member
    assert samples[("threadly_users", ("suspended",))] == 1
    assert samples[("threadly_posts", ("visible",))] == 1
    assert samples[("threadly_posts", ("removed",))] == 1
    assert samples[("threadly_reports", ("open",))] == 0
    assert ("threadly_notifications_unread", ()) in samples
