"""toot (PyPI, not ours) drives Threadly's Mastodon API over real HTTP, through its command line as a
person types it (`--json` where a command has it, to read what came back). The two steps the CLI has
no command for use toot's own Python API, as its TUI does: editing a post (fetch the source, send the
edit) and following the Link header page by page (what `toot timelines home --pager` does)."""

import pytest
import requests
from toot import api, http

from notifications.models import Notification
from posts.models import Bookmark, Like, Post
from social.models import Follow
from tests.clients.toot_cli import Toot

pytestmark = [pytest.mark.clients, pytest.mark.django_db(transaction=True)]

ALT = "A lighthouse against a red sky"


@pytest.fixture
def toot(server, tmp_path) -> Toot:
    return Toot(server, tmp_path / "config")


def ids(statuses) -> list[str]:
    return [status["id"] for status in statuses]


def test_log_in_through_the_consent_page_and_its_out_of_band_code(toot, person, stored_token):
    erin = person("erin")

    account = toot.login("erin")

    stored = toot.config()
    assert stored["users"][account]["username"] == "erin"
    app = stored["apps"][stored["users"][account]["instance"]]
    assert app["base_url"] == toot.server
    token = stored_token(stored["users"][account]["access_token"])
    assert (token.user, token.application.client_id) == (erin, app["client_id"])
    assert token.application.name == "toot - a Mastodon CLI client"
    assert set(token.scope.split()) == {"read", "write", "follow"}
    me = toot.json("whoami")
    assert (me["id"], me["username"]) == (str(erin.pk), "erin")
    assert account in toot.run("auth")
    assert "@erin" in toot.run("whoami")
    assert "running Mastodon 4." in toot.run("instance", toot.server)


def test_post_a_picture_with_alt_text_and_a_content_warning_reply_read_the_thread_edit_delete(toot, person, photo):
    erin = person("erin")
    toot.login("erin")

    status = toot.json(
        "post", "Evening at the #lighthouse", "--media", photo, "--description", ALT, "--spoiler-text", "Red sky"
    )
    assert status["spoiler_text"] == "Red sky"
    [attachment] = status["media_attachments"]
    assert (attachment["type"], attachment["description"]) == ("image", ALT)
    picture = requests.get(attachment["url"], timeout=10)
    assert picture.status_code == 200
    assert picture.headers["Content-Type"].startswith("image/")
    post = Post.objects.get(pk=int(status["id"]))
    assert (post.author, post.content_warning) == (erin, "Red sky")
    assert post.attachments.get().image.alt_text == ALT

    reply = toot.json("post", "The lamp came on at nine", "--reply-to", status["id"])
    assert reply["in_reply_to_id"] == status["id"]
    assert Post.objects.get(pk=int(reply["id"])).in_reply_to_id == post.pk
    thread = toot.json("thread", status["id"])
    assert (ids(thread["ancestors"]), ids(thread["descendants"])) == ([], [reply["id"]])
    assert ids(toot.json("thread", reply["id"])["ancestors"]) == [status["id"]]

    app, user = toot.app_and_user(toot.config()["active_user"])
    source = api.fetch_status_source(app, user, reply["id"]).json()
    assert source["text"] == "The lamp came on at nine"
    api.edit_status(
        app, user, reply["id"], "The lamp came on at ten", spoiler_text=source["spoiler_text"], visibility=None
    )
    assert "at ten" in toot.json("status", reply["id"])["content"]
    assert Post.objects.get(pk=int(reply["id"])).body == "The lamp came on at ten"

    toot.run("delete", reply["id"])
    assert not Post.objects.filter(pk=int(reply["id"])).exists()
    assert toot.json("thread", status["id"])["descendants"] == []


def test_page_the_home_timeline_back_and_forth(toot, person):
    person("erin")
    toot.login("erin")
    posted = [toot.json("post", f"Tide table {n}")["id"] for n in range(6)]
    newest_first = posted[::-1]

    first = ids(toot.json("timelines", "home", "--limit", 2))
    second = ids(toot.json("timelines", "home", "--limit", 2, "--max-id", first[-1]))
    third = ids(toot.json("timelines", "home", "--limit", 2, "--max-id", second[-1]))
    assert [first, second, third] == [newest_first[0:2], newest_first[2:4], newest_first[4:6]]
    printed = toot.run("timelines", "home", "--limit", 2, "--no-pager", "--no-clear")
    assert "Tide table 5" in printed and "Tide table 3" not in printed
    assert toot.json("timelines", "home", "--limit", 2, "--max-id", third[-1]) == []
    back = ids(toot.json("timelines", "home", "--limit", 2, "--min-id", third[0]))
    assert back == newest_first[2:4]
    assert ids(toot.json("timelines", "home", "--limit", 2, "--min-id", back[0])) == newest_first[0:2]

    app, user = toot.app_and_user(toot.config()["active_user"])
    pages = [ids(r.json()) for r in http.get_paged(app, user, "/api/v1/timelines/home", {"limit": 2})]
    assert pages[:3] == [newest_first[0:2], newest_first[2:4], newest_first[4:6]]
    assert all(page == [] for page in pages[3:])


def test_follow_favourite_reblog_bookmark_notifications_and_search(toot, person):
    erin, finn = person("erin"), person("finn")
    as_erin, as_finn = toot.login("erin"), toot.login("finn")
    status = toot.json("post", "Crab boats leaving the #breakwater", as_user=as_finn)

    assert [a["acct"] for a in toot.json("search", "finn", "--type", "accounts", as_user=as_erin)["accounts"]] == [
        "finn"
    ]
    assert toot.json("follow", "finn", as_user=as_erin)["following"] is True
    assert Follow.objects.filter(follower=erin, followee=finn).exists()
    # toot reads every page of these lists, finding each next page by a Link header that starts with it
    assert [a["acct"] for a in toot.json("following", as_user=as_erin)] == ["finn"]
    assert [a["acct"] for a in toot.json("followers", "finn", as_user=as_erin)] == ["erin"]
    assert status["id"] in ids(toot.json("timelines", "home", as_user=as_erin))

    assert toot.json("favourite", status["id"], as_user=as_erin)["favourited"] is True
    assert Like.objects.filter(user=erin, post_id=int(status["id"])).exists()
    assert toot.json("reblog", status["id"], as_user=as_erin)["reblog"]["id"] == status["id"]
    assert Post.objects.filter(author=erin, repost_of_id=int(status["id"])).exists()
    assert toot.json("bookmark", status["id"], as_user=as_erin)["bookmarked"] is True
    assert Bookmark.objects.filter(user=erin, post_id=int(status["id"])).exists()

    notifications = toot.json("notifications", as_user=as_finn)
    assert sorted(n["type"] for n in notifications) == ["favourite", "follow", "reblog"]
    assert [n["type"] for n in toot.json("notifications", "--type", "follow", as_user=as_finn)] == ["follow"]
    assert "follow" not in [n["type"] for n in toot.json("notifications", "--exclude-type", "follow", as_user=as_finn)]
    printed = toot.run("notifications", as_user=as_finn)  # what a person reads: toot parses each entity
    for line in ("now follows you", "favourited your status", "boosted your status", "Crab boats leaving"):
        assert line in printed
    toot.run("notifications", "--clear", as_user=as_finn)
    assert toot.json("notifications", as_user=as_finn) == []
    assert not Notification.objects.filter(recipient=finn, read_at=None).exists()

    found = toot.json("search", "breakwater", as_user=as_erin)
    assert ids(found["statuses"]) == [status["id"]]
    assert "breakwater" in [tag["name"] for tag in found["hashtags"]]

    assert toot.json("unfollow", "finn", as_user=as_erin)["following"] is False
    assert not Follow.objects.filter(follower=erin, followee=finn).exists()
