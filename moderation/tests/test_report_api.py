"""POST /api/threadly/v1/reports: the same reports as the pages, through the API's permission and throttle stack."""

import pytest

from moderation.models import Report
from moderation.tests.conftest import API_REPORTS_URL
from social import services as social_services


@pytest.mark.django_db
def test_reporting_a_post_answers_201_with_the_report(api_as, alice, post):
    response = api_as(alice).post(API_REPORTS_URL, {"post": post.pk, "reason": "spam"}, format="json")

    assert response.status_code == 201
    report = Report.objects.get()
    body = response.json()
    assert set(body) == {"id", "post", "person", "reason", "text", "status", "created_at"}
    assert (body["id"], body["post"], body["person"]) == (report.pk, post.pk, None)
    assert (body["reason"], body["text"], body["status"]) == ("spam", "", "open")
    assert report.reporter == alice


@pytest.mark.django_db
def test_reporting_a_reply_and_a_person(api_as, alice, bob, reply):
    client = api_as(alice)

    on_reply = client.post(API_REPORTS_URL, {"post": reply.pk, "reason": "abuse"}, format="json")
    on_person = client.post(API_REPORTS_URL, {"username": "BOB", "reason": "other", "text": "Fake"}, format="json")

    assert on_reply.status_code == 201
    assert on_reply.json()["post"] == reply.pk
    assert on_person.status_code == 201
    assert (on_person.json()["person"], on_person.json()["text"]) == (bob.pk, "Fake")


@pytest.mark.django_db
@pytest.mark.parametrize("targets", [{}, {"post": "P", "username": "bob"}, {"post": "P", "username": "C"}])
def test_exactly_one_target_else_400(api_as, alice, post, reply, targets):
    data = {name: {"P": post.pk, "C": reply.pk}.get(value, value) for name, value in targets.items()}

    response = api_as(alice).post(API_REPORTS_URL, {**data, "reason": "spam"}, format="json")

    assert response.status_code == 400
    assert not Report.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data",
    [
        {"reason": "rude"},
        {"reason": "other"},
        {"reason": "other", "text": "   "},
        {"reason": "spam", "text": "x" * 1001},
        {"reason": "spam", "post": "12"},
        {"reason": "spam", "post": 0},
    ],
)
def test_bad_input_is_a_400(api_as, alice, post, data):
    data = {"post": post.pk, **data}

    response = api_as(alice).post(API_REPORTS_URL, data, format="json")

    assert response.status_code == 400
    assert not Report.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("target", [{"post": 999_999}, {"username": "nobody_here"}])
def test_unknown_targets_are_404(api_as, alice, target):
    response = api_as(alice).post(API_REPORTS_URL, {**target, "reason": "spam"}, format="json")

    assert response.status_code == 404


@pytest.mark.django_db
def test_someone_who_blocked_you_is_404(api_as, alice, bob, post):
    social_services.block_create(blocker=bob, blocked=alice)
    client = api_as(alice)

    assert client.post(API_REPORTS_URL, {"username": "bob", "reason": "spam"}, format="json").status_code == 404
    assert client.post(API_REPORTS_URL, {"post": post.pk, "reason": "spam"}, format="json").status_code == 404
    assert not Report.objects.exists()


@pytest.mark.django_db
def test_self_report_is_a_400(api_as, bob, post):
    response = api_as(bob).post(API_REPORTS_URL, {"post": post.pk, "reason": "spam"}, format="json")

    assert response.status_code == 400
    assert not Report.objects.exists()


@pytest.mark.django_db
def test_visitors_get_401(api_client, post):
    response = api_client.post(API_REPORTS_URL, {"post": post.pk, "reason": "spam"}, format="json")

    assert response.status_code == 401
    assert not Report.objects.exists()


@pytest.mark.django_db
def test_a_second_report_returns_the_first(api_as, alice, post):
    client = api_as(alice)

    first = client.post(API_REPORTS_URL, {"post": post.pk, "reason": "spam"}, format="json")
    second = client.post(API_REPORTS_URL, {"post": post.pk, "reason": "abuse"}, format="json")

    assert second.json()["id"] == first.json()["id"]
    assert Report.objects.count() == 1


@pytest.mark.django_db
def test_an_idempotency_key_replays_the_first_answer(api_as, alice, post):
    client = api_as(alice)
    data = {"post": post.pk, "reason": "spam"}

    first = client.post(API_REPORTS_URL, data, format="json", HTTP_IDEMPOTENCY_KEY="report-1")
    Report.objects.update(status=Report.Status.DISMISSED)  # A new report would be filed without the key.
    replay = client.post(API_REPORTS_URL, data, format="json", HTTP_IDEMPOTENCY_KEY="report-1")
    changed = client.post(API_REPORTS_URL, {**data, "reason": "abuse"}, format="json", HTTP_IDEMPOTENCY_KEY="report-1")

    assert first.status_code == replay.status_code == 201
    assert replay.json() == first.json()
    assert changed.status_code == 422
    assert Report.objects.count() == 1


@pytest.mark.django_db
def test_the_api_shares_the_report_rate_limit(api_as, alice, post, reply, bob, limits, clock):
    limits("report", "2/3600")
    client = api_as(alice)

    client.post(API_REPORTS_URL, {"post": post.pk, "reason": "spam"}, format="json")
    client.post(API_REPORTS_URL, {"post": reply.pk, "reason": "spam"}, format="json")
    limited = client.post(API_REPORTS_URL, {"username": "bob", "reason": "spam"}, format="json")

    assert limited.status_code == 429
    assert "Retry-After" in limited
    assert Report.objects.count() == 2
