"""Mastodon.py (PyPI, not ours) drives Threadly's Mastodon API over real HTTP: each flow of the issue's
"Done when" list, checked on what the library returns and on the rows the requests wrote."""

import pytest
import requests
from mastodon import Mastodon, MastodonNotFoundError, MastodonUnauthorizedError
from oauth2_provider.models import AccessToken, Application

from notifications.models import Notification
from posts.models import Bookmark, Like, Post, PostEdit
from social.models import Follow
from tests.clients import mastodon_py
from tests.clients.pages import PASSWORD, consent, redirected_query

pytestmark = [pytest.mark.clients, pytest.mark.django_db(transaction=True)]

ALT = "Three fishing boats moored at dusk"


def ids(page) -> list[str]:
    return [str(item.id) for item in page]


def test_register_an_app_and_log_in_on_the_consent_page(server, person, stored_token):
    erin = person("erin")

    app = mastodon_py.register(server)
    registered = Application.objects.get(client_id=app.client_id)
    assert registered.name == "Harbour script"
    assert registered.redirect_uris == mastodon_py.REDIRECT_URI

    mastodon = mastodon_py.client(server, app)
    url = mastodon.auth_request_url(
        redirect_uris=mastodon_py.REDIRECT_URI, scopes=mastodon_py.SCOPES, state="s-1", allow_http=True
    )
    back = redirected_query(consent(url, "erin", PASSWORD))
    assert back["state"] == "s-1"
    token = mastodon.log_in(
        code=back["code"], redirect_uri=mastodon_py.REDIRECT_URI, scopes=mastodon_py.SCOPES, allow_http=True
    )

    # The version Mastodon.py reads from /api/v1/instance/ (its URL has a trailing slash) decides
    # which endpoints it calls: media and search v2, dismissing a notification by its path.
    assert mastodon.retrieve_mastodon_version(fail_hard=True).startswith("4.")
    assert mastodon.verify_minimum_version("3.5.0", cached=True)
    me = mastodon.account_verify_credentials()
    assert (str(me.id), me.username, me.acct) == (str(erin.pk), "erin", "erin")
    assert me.source.note is not None
    stored = stored_token(token)
    assert (stored.user, stored.application) == (erin, registered)
    assert set(stored.scope.split()) == set(mastodon_py.SCOPES)

    mastodon.revoke_access_token(allow_http=True)
    assert stored_token(token) is None
    # Mastodon.py's default (no version check): with "created" it would first ask for the instance,
    # which answers a revoked token with the same 401, and the library retries that without end.
    with pytest.raises(MastodonUnauthorizedError):
        Mastodon(access_token=token, api_base_url=server).account_verify_credentials()


def test_deny_on_the_consent_page_sends_the_app_an_error_and_no_code(server, person):
    person("erin")
    app = mastodon_py.register(server)
    url = mastodon_py.client(server, app).auth_request_url(redirect_uris=mastodon_py.REDIRECT_URI, allow_http=True)

    back = redirected_query(consent(url, "erin", PASSWORD, button="Deny"))

    assert back["error"] == "access_denied"
    assert "code" not in back
    assert not AccessToken.objects.exists()


def test_post_a_picture_with_alt_text_and_a_content_warning_reply_read_the_thread_edit_delete(server, person, photo):
    erin = person("erin")
    mastodon = mastodon_py.log_in(server, mastodon_py.register(server), "erin")

    uploaded = mastodon_py.processed(mastodon, mastodon.media_post(str(photo), description="boats"))
    media = mastodon.media_update(uploaded, description=ALT)
    assert (str(media.id), media.description) == (str(uploaded.id), ALT)
    status = mastodon.status_post("Boats in the #harbour", media_ids=[media], spoiler_text="Bright sunset")

    assert status.spoiler_text == "Bright sunset"
    assert status.sensitive is True
    [attachment] = status.media_attachments
    assert (attachment.type, attachment.description) == ("image", ALT)
    picture = requests.get(attachment.url, timeout=10)
    assert picture.status_code == 200
    assert picture.headers["Content-Type"].startswith("image/")
    post = Post.objects.get(pk=int(status.id))
    assert (post.author, post.content_warning) == (erin, "Bright sunset")
    assert post.attachments.get().image.alt_text == ALT

    reply = mastodon.status_reply(status, "The light lasted ten minutes")
    assert str(reply.in_reply_to_id) == str(status.id)
    assert reply.spoiler_text == "Bright sunset"  # Mastodon.py keeps the thread's content warning
    assert Post.objects.get(pk=int(reply.id)).in_reply_to_id == post.pk

    context = mastodon.status_context(status)
    assert (ids(context.ancestors), ids(context.descendants)) == ([], [str(reply.id)])
    assert ids(mastodon.status_context(reply).ancestors) == [str(status.id)]

    edited = mastodon.status_update(status.id, "Boats in the #harbour, at dusk", spoiler_text="Bright sunset")
    assert "at dusk" in edited.content
    assert edited.edited_at is not None
    assert len(mastodon.status_history(status.id)) == 2
    assert mastodon.status_source(status.id).text == "Boats in the #harbour, at dusk"
    assert PostEdit.objects.filter(post=post).count() == 1

    deleted = mastodon.status_delete(reply)
    assert str(deleted.id) == str(reply.id)
    assert not Post.objects.filter(pk=int(reply.id)).exists()
    with pytest.raises(MastodonNotFoundError):
        mastodon.status(reply.id)


def test_page_the_home_timeline_back_and_forth(server, person):
    person("erin")
    mastodon = mastodon_py.log_in(server, mastodon_py.register(server), "erin")
    posted = [str(mastodon.status_post(f"Tide note {n}").id) for n in range(6)]
    newest_first = posted[::-1]

    first = mastodon.timeline_home(limit=2)
    second = mastodon.fetch_next(first)
    third = mastodon.fetch_next(second)
    assert [ids(first), ids(second), ids(third)] == [newest_first[0:2], newest_first[2:4], newest_first[4:6]]
    assert not mastodon.fetch_next(third)

    back = mastodon.fetch_previous(third)
    assert ids(back) == newest_first[2:4]
    assert ids(mastodon.fetch_previous(back)) == newest_first[0:2]


def test_follow_favourite_reblog_bookmark_then_the_author_reads_and_dismisses_notifications(server, person):
    erin, finn = person("erin"), person("finn")
    app = mastodon_py.register(server)
    as_erin, as_finn = mastodon_py.log_in(server, app, "erin"), mastodon_py.log_in(server, app, "finn")
    status = as_finn.status_post("Nets drying on the #quay")

    [found] = as_erin.account_search("finn")
    assert (str(found.id), found.acct) == (str(finn.pk), "finn")
    assert as_erin.account_follow(found).following is True
    assert Follow.objects.filter(follower=erin, followee=finn).exists()
    assert str(status.id) in ids(as_erin.timeline_home())

    favourited = as_erin.status_favourite(status)
    assert (favourited.favourited, favourited.favourites_count) == (True, 1)
    assert Like.objects.filter(user=erin, post_id=int(status.id)).exists()
    reblog = as_erin.status_reblog(status)
    assert str(reblog.reblog.id) == str(status.id)
    assert Post.objects.filter(author=erin, repost_of_id=int(status.id)).exists()
    assert as_erin.status_bookmark(status).bookmarked is True
    assert Bookmark.objects.filter(user=erin, post_id=int(status.id)).exists()
    assert ids(as_erin.bookmarks()) == [str(status.id)]
    assert ids(as_erin.favourites()) == [str(status.id)]

    notifications = as_finn.notifications()
    assert sorted(n.type for n in notifications) == ["favourite", "follow", "reblog"]
    assert {str(n.account.id) for n in notifications} == {str(erin.pk)}
    [like] = as_finn.notifications(types=["favourite"])
    assert str(like.status.id) == str(status.id)
    assert "favourite" not in [n.type for n in as_finn.notifications(exclude_types=["favourite"])]
    as_finn.notifications_dismiss(like)
    assert sorted(n.type for n in as_finn.notifications()) == ["follow", "reblog"]
    assert not Notification.objects.filter(pk=int(like.id), read_at=None).exists()

    assert as_erin.status_unbookmark(status).bookmarked is False
    assert as_erin.status_unfavourite(status).favourited is False
    assert as_erin.status_unreblog(status).reblogged is False
    assert as_erin.account_unfollow(found).following is False
    assert not Follow.objects.filter(follower=erin, followee=finn).exists()
    assert not Like.objects.filter(user=erin).exists()


def test_search_accounts_tags_and_statuses(server, person):
    person("erin"), person("finn")
    app = mastodon_py.register(server)
    as_erin, as_finn = mastodon_py.log_in(server, app, "erin"), mastodon_py.log_in(server, app, "finn")
    status = as_finn.status_post("Lobster pots stacked by the #lighthouse")

    assert [a.acct for a in as_erin.search("finn", result_type="accounts").accounts] == ["finn"]
    assert "lighthouse" in [tag.name for tag in as_erin.search("#lighthouse", result_type="hashtags").hashtags]
    assert ids(as_erin.search("lobster", result_type="statuses").statuses) == [str(status.id)]
    everything = as_erin.search("lighthouse")
    assert str(status.id) in ids(everything.statuses)
    assert "lighthouse" in [tag.name for tag in everything.hashtags]
