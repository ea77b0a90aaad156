"""Markers, reports, trends and the features Threadly lacks, through Mastodon's URLs."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from mastodon_api.models import Marker
from moderation.models import Report
from posts.services import post_create

pytestmark = pytest.mark.django_db

# https://docs.joinmastodon.org/entities/Marker/, /Report/ and /Tag/
MARKER_FIELDS = {"last_read_id", "version", "updated_at"}
REPORT_FIELDS = {
    "id",
    "action_taken",
    "action_taken_at",
    "category",
    "comment",
    "forwarded",
    "created_at",
    "status_ids",
    "rule_ids",
    "target_account",
}
TAG_FIELDS = {"name", "url", "history"}


def test_markers_are_saved_with_a_growing_version(alice, bob, mastodon_as):
    client = mastodon_as(alice, "read:statuses write:statuses")
    assert client.get("/api/v1/markers?timeline[]=home").json() == {}
    first = client.post("/api/v1/markers", {"home[last_read_id]": "10"})
    assert first.status_code == 200 and first.json()["home"].keys() >= MARKER_FIELDS
    assert first.json()["home"]["version"] == 1
    Marker.objects.filter(user=alice).update(updated_at=timezone.now() - timedelta(hours=1))
    again = client.post("/api/v1/markers", {"home": {"last_read_id": "12"}}, format="json").json()
    assert again["home"] == {**again["home"], "last_read_id": "12", "version": 2}
    assert again["home"]["updated_at"] > first.json()["home"]["updated_at"]
    both = client.get("/api/v1/markers?timeline[]=home&timeline[]=notifications").json()
    assert list(both) == ["home"] and both["home"]["version"] == 2
    assert mastodon_as(bob).get("/api/v1/markers?timeline[]=home").json() == {}
    assert client.post("/api/v1/markers", {"home[last_read_id]": "soon"}).status_code == 422
    assert mastodon_as(alice, "read").post("/api/v1/markers", {"home[last_read_id]": "1"}).status_code == 403


def test_reporting_statuses_files_threadlys_reports(alice, bob, mastodon_as):
    first, second = post_create(author=bob, body="spam one"), post_create(author=bob, body="spam two")
    client = mastodon_as(alice, "write:reports")
    answer = client.post(
        "/api/v1/reports",
        {"account_id": str(bob.pk), "status_ids": [str(first.pk), str(second.pk)], "category": "spam"},
        format="json",
    )
    assert answer.status_code == 200
    report = answer.json()
    assert report.keys() >= REPORT_FIELDS
    assert report["category"] == "spam" and report["target_account"]["username"] == "bob"
    assert sorted(report["status_ids"]) == sorted([str(first.pk), str(second.pk)])
    assert set(Report.objects.values_list("post_id", "reason")) == {(first.pk, "spam"), (second.pk, "spam")}


def test_reporting_a_person_with_a_comment(alice, bob, mastodon_as):
    client = mastodon_as(alice, "write:reports")
    report = client.post("/api/v1/reports", {"account_id": str(bob.pk), "comment": "Rude", "category": "violation"})
    assert report.json()["category"] == "violation" and report.json()["status_ids"] is None
    assert Report.objects.get().person == bob and Report.objects.get().reason == "abuse"
    again = client.post("/api/v1/reports/", {"account_id": str(bob.pk), "comment": "Rude", "category": "violation"})
    assert again.json()["id"] == report.json()["id"]  # Mastodon.py's address; an open report is not filed twice


def test_reports_follow_threadlys_rules(alice, bob, carol, mastodon_as, api_as):
    hidden = post_create(author=bob, body="friends only", visibility="followers")
    carols = post_create(author=carol, body="not bob's")
    client = mastodon_as(alice)
    reported = {"account_id": str(bob.pk), "status_ids[]": str(hidden.pk), "category": "spam"}
    assert client.post("/api/v1/reports", reported).status_code == 404
    threadly = api_as(alice).post(reverse("api:reports"), {"post": hidden.pk, "reason": "spam"}, format="json")
    assert threadly.status_code == 404
    other = {"account_id": str(bob.pk), "status_ids[]": str(carols.pk), "category": "spam"}
    assert client.post("/api/v1/reports", other).status_code == 422
    assert client.post("/api/v1/reports", {"account_id": str(bob.pk)}).status_code == 422  # "other" needs words
    assert client.post("/api/v1/reports", {"account_id": str(alice.pk), "comment": "me"}).status_code == 422
    assert client.post("/api/v1/reports", {"account_id": "999999", "comment": "who"}).status_code == 404
    assert not Report.objects.exists()


def test_trending_tags_with_their_use(alice):
    for number in range(3):
        post_create(author=alice, body=f"#python {number}")
    post_create(author=alice, body="#django")
    client = APIClient()
    tags = client.get("/api/v1/trends/tags").json()
    assert [tag["name"] for tag in tags] == ["python", "django"]
    assert tags[0].keys() >= TAG_FIELDS and tags[0]["history"][0]["uses"] == "3"
    assert client.get("/api/v1/trends?limit=1").json() == tags[:1]
    assert client.get("/api/v1/trends/statuses").json() == client.get("/api/v1/trends/links").json() == []


def test_one_tag(alice):
    post_create(author=alice, body="#Python")
    client = APIClient()
    found = client.get("/api/v1/tags/python").json()
    assert found.keys() >= TAG_FIELDS and found["name"] == "python" and found["following"] is False
    assert client.get("/api/v1/tags/Python").json()["name"] == "python"
    assert client.get("/api/v1/tags/cobol").status_code == 404


EMPTY_LISTS = [
    "/api/v1/lists",
    "/api/v1/filters",
    "/api/v2/filters",
    "/api/v1/announcements",
    "/api/v1/conversations",
    "/api/v1/followed_tags",
    "/api/v1/featured_tags",
    "/api/v1/scheduled_statuses",
    "/api/v1/domain_blocks",
    "/api/v1/endorsements",
]


@pytest.mark.parametrize("url", EMPTY_LISTS)
def test_features_threadly_lacks_answer_empty_lists(alice, mastodon_as, url):
    answer = mastodon_as(alice).get(url)
    assert answer.status_code == 200 and answer.json() == []
    assert mastodon_as(alice).get(f"{url}/").json() == []
    assert APIClient().get(url).status_code == 401


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("get", "/api/v1/lists/1"),
        ("get", "/api/v1/polls/1"),
        ("post", "/api/v1/announcements/1/dismiss"),
        ("get", "/api/v1/push/subscription"),
        ("delete", "/api/v1/push/subscription"),
    ],
)
def test_single_records_threadly_lacks_are_not_found(alice, mastodon_as, method, url):
    answer = getattr(mastodon_as(alice), method)(url)
    assert answer.status_code == 404 and answer.json() == {"error": "Record not found"}


def test_scopes_of_the_empty_features(alice, mastodon_as):
    assert mastodon_as(alice, "read:lists").get("/api/v1/lists").status_code == 200
    assert mastodon_as(alice, "read:statuses").get("/api/v1/lists").status_code == 403
    assert mastodon_as(alice, "read:filters").get("/api/v2/filters").status_code == 200
    assert mastodon_as(alice).post("/api/v1/lists/1").status_code == 405
