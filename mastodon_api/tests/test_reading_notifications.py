"""Notifications through Mastodon's URLs: Threadly's kinds under Mastodon's types, filtered and
paged, dismissed and cleared (only one's own), the unread count kept in step with the site's badge,
and the same people and posts left out as on Threadly's own doors."""

import pytest
from django.urls import reverse

from mastodon_api.tests.paging import links
from mastodon_api.tests.reading_world import queries_of
from moderation.services import user_warn
from notifications.models import Notification
from posts.reposts import repost_create
from posts.services import like_create, post_create, post_remove, post_update
from social.services import block_create, follow_create, follow_set_notify_posts, mute_create

pytestmark = pytest.mark.django_db

# https://docs.joinmastodon.org/entities/Notification/
NOTIFICATION_FIELDS = {"id", "type", "group_key", "created_at", "account", "status", "report"}


@pytest.fixture
def told(alice, bob, django_capture_on_commit_callbacks):
    """bob follows alice, likes, reposts and replies to her post, mentions her: her notifications."""
    with django_capture_on_commit_callbacks(execute=True):
        post = post_create(author=alice, body="Hello")
    with django_capture_on_commit_callbacks(execute=True):
        follow_create(follower=bob, followee=alice)
    with django_capture_on_commit_callbacks(execute=True):
        like_create(user=bob, post=post)
    with django_capture_on_commit_callbacks(execute=True):
        repost_create(user=bob, post=post)
    with django_capture_on_commit_callbacks(execute=True):
        reply = post_create(author=bob, body="Hi back", in_reply_to=post)
    return post, reply


def types(response) -> list[str]:
    return [notification["type"] for notification in response.json()]


def test_threadlys_kinds_under_mastodons_types(alice, told, mastodon_as):
    post, reply = told
    found = mastodon_as(alice, "read:notifications").get("/api/v1/notifications")
    assert found.status_code == 200
    assert types(found) == ["mention", "reblog", "favourite", "follow"]
    for notification in found.json():
        assert notification.keys() >= NOTIFICATION_FIELDS
        assert notification["account"]["username"] == "bob"
    mention, reblog, favourite, follow = found.json()
    assert mention["status"]["id"] == str(reply.pk) and mention["status"]["in_reply_to_id"] == str(post.pk)
    assert reblog["status"]["id"] == favourite["status"]["id"] == str(post.pk)
    assert follow["status"] is None and follow["created_at"].endswith("Z")


def test_types_and_exclude_types_and_account_id(alice, carol, told, mastodon_as, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        follow_create(follower=carol, followee=alice)
    client = mastodon_as(alice)
    assert types(client.get("/api/v1/notifications?types[]=favourite&types[]=follow")) == [
        "follow",
        "favourite",
        "follow",
    ]
    assert types(client.get("/api/v1/notifications?exclude_types[]=follow&exclude_types[]=mention")) == [
        "reblog",
        "favourite",
    ]
    only_carol = client.get(f"/api/v1/notifications?account_id={carol.pk}").json()
    assert [notification["account"]["id"] for notification in only_carol] == [str(carol.pk)]


def test_notifications_page_back_and_forth(alice, told, mastodon_as):
    client = mastodon_as(alice)
    everything = [notification["id"] for notification in client.get("/api/v1/notifications").json()]
    first = client.get("/api/v1/notifications?limit=2")
    older = client.get(links(first)["next"])
    assert [item["id"] for item in older.json()] == everything[2:]
    newer = client.get(links(older)["prev"])
    assert [item["id"] for item in newer.json()] == everything[:2]


def test_one_notification_and_not_anothers(alice, bob, told, mastodon_as):
    mine = Notification.objects.filter(recipient=alice).latest("id")
    client = mastodon_as(bob)
    assert mastodon_as(alice).get(f"/api/v1/notifications/{mine.pk}").json()["id"] == str(mine.pk)
    assert client.get(f"/api/v1/notifications/{mine.pk}").status_code == 404
    assert client.get("/api/v1/notifications/nope").status_code == 404


def test_dismiss_and_clear_only_ones_own(alice, bob, carol, told, mastodon_as, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        follow_create(follower=alice, followee=bob)
    theirs = Notification.objects.get(recipient=bob)
    mine = Notification.objects.filter(recipient=alice).latest("id")
    client = mastodon_as(alice, "write:notifications")
    assert client.post(f"/api/v1/notifications/{theirs.pk}/dismiss").status_code == 404
    assert client.post(f"/api/v1/notifications/{mine.pk}/dismiss").json() == {}
    assert not Notification.objects.filter(pk=mine.pk).exists()
    older = Notification.objects.filter(recipient=alice).latest("id")
    assert client.post("/api/v1/notifications/dismiss", {"id": str(older.pk)}).status_code == 200
    assert not Notification.objects.filter(pk=older.pk).exists()
    assert client.post("/api/v1/notifications/clear").status_code == 200
    assert not Notification.objects.filter(recipient=alice).exists()
    assert Notification.objects.filter(pk=theirs.pk).exists()
    assert mastodon_as(alice, "read:notifications").post("/api/v1/notifications/clear").status_code == 403


def test_the_notifications_marker_marks_them_read_for_the_sites_badge(alice, told, mastodon_as, api_as):
    client = mastodon_as(alice)
    assert client.get("/api/v1/notifications/unread_count").json() == {"count": 4}
    second = client.get("/api/v1/notifications").json()[1]["id"]
    marked = client.post("/api/v1/markers", {"notifications": {"last_read_id": second}}, format="json")
    assert marked.json()["notifications"]["last_read_id"] == second
    assert client.get("/api/v1/notifications/unread_count").json() == {"count": 1}
    badge = api_as(alice).get(reverse("api:notifications-unread-count")).json()
    assert badge == {"unread_count": 1}


@pytest.mark.parametrize("hide", [block_create, mute_create])
def test_a_blocked_or_muted_actor_is_out_on_both_doors(alice, bob, told, mastodon_as, api_as, hide):
    if hide is block_create:
        hide(blocker=alice, blocked=bob)
    else:
        hide(muter=alice, muted=bob)
    assert mastodon_as(alice).get("/api/v1/notifications").json() == []
    assert api_as(alice).get(reverse("api:notifications")).json()["results"] == []


def test_a_notification_about_a_post_out_of_sight_shows_nothing_of_it_on_both_doors(
    alice, bob, told, mastodon_as, client
):
    _, reply = told
    reply_words = "Hi back"
    post_remove(post=reply)
    assert "mention" not in types(mastodon_as(alice).get("/api/v1/notifications"))
    client.force_login(alice)
    page = client.get(reverse("notifications:list")).content.decode()
    assert "replied to your post" in page and reply_words not in page


def test_the_grouped_list_has_one_notification_per_group(alice, told, mastodon_as):
    body = mastodon_as(alice).get("/api/v2/notifications").json()
    assert [group["type"] for group in body["notification_groups"]] == ["mention", "reblog", "favourite", "follow"]
    assert [account["username"] for account in body["accounts"]] == ["bob"]
    assert {group["status_id"] for group in body["notification_groups"]} - {None} == {
        status["id"] for status in body["statuses"]
    }


def test_a_page_of_notifications_costs_the_same_with_one_or_many(
    alice, bob, carol, mastodon_as, django_capture_on_commit_callbacks
):
    client = mastodon_as(alice)

    def notify_alice(count: int) -> None:
        for number in range(count):
            with django_capture_on_commit_callbacks(execute=True):
                post = post_create(author=alice, body=f"post {number}")
            with django_capture_on_commit_callbacks(execute=True):
                like_create(user=bob, post=post)
            with django_capture_on_commit_callbacks(execute=True):
                post_create(author=carol, body=f"@alice reply {number}", in_reply_to=post)

    notify_alice(1)
    with django_capture_on_commit_callbacks(execute=True):
        follow_create(follower=bob, followee=alice)
    few = queries_of(client, "/api/v1/notifications")
    notify_alice(10)
    assert len(client.get("/api/v1/notifications").json()) == 20
    assert queries_of(client, "/api/v1/notifications") == few


def test_posts_of_followed_people_edits_and_warnings(
    alice, bob, moderator, mastodon_as, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        follow_create(follower=alice, followee=bob)
        follow_set_notify_posts(follower=alice, followee=bob, notify=True)
    with django_capture_on_commit_callbacks(execute=True):
        post = post_create(author=bob, body="News")
    with django_capture_on_commit_callbacks(execute=True):
        repost_create(user=alice, post=post)
    with django_capture_on_commit_callbacks(execute=True):
        post_update(post=post, editor=bob, body="News, corrected", visibility="public")
    with django_capture_on_commit_callbacks(execute=True):
        user_warn(user=alice, moderator=moderator, reason="Be kind")
    found = mastodon_as(alice).get("/api/v1/notifications").json()
    assert [notification["type"] for notification in found] == ["moderation_warning", "update", "status"]
    warning, update, status = found
    assert warning["moderation_warning"]["text"] == "Be kind" and warning["status"] is None
    assert warning["moderation_warning"]["target_account"]["username"] == "alice"
    assert update["status"]["content"] == "<p>News, corrected</p>" and update["status"]["edited_at"]
    assert status["status"]["id"] == str(post.pk)
