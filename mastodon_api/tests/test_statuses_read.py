"""A status read, several read, edited, deleted; its context, history and source."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from images.factories import ImageFactory
from mastodon_api.tests.test_entities import STATUS_FIELDS
from posts.models import Post, PostEdit
from posts.reposts import repost_create
from posts.services import post_create, post_remove, post_update
from social.services import block_create

pytestmark = pytest.mark.django_db

# https://docs.joinmastodon.org/entities/StatusEdit/, /StatusSource/, /Context/
STATUS_EDIT_FIELDS = {
    "content",
    "spoiler_text",
    "sensitive",
    "created_at",
    "account",
    "poll",
    "media_attachments",
    "emojis",
}
STATUS_SOURCE_FIELDS = {"id", "text", "spoiler_text"}
CONTEXT_FIELDS = {"ancestors", "descendants"}


def test_a_status_is_read_by_anyone_who_may_see_it(mastodon_as, alice, bob, client):
    post = post_create(author=alice, body="Hello")

    for reader in (client, mastodon_as(bob), mastodon_as(alice, scope="read:statuses")):
        response = reader.get(f"/api/v1/statuses/{post.pk}")
        assert response.status_code == 200
        assert response.json().keys() >= STATUS_FIELDS and response.json()["id"] == str(post.pk)


def test_a_hidden_or_missing_status_is_record_not_found(mastodon_as, alice, bob):
    hidden = post_create(author=alice, body="Mine", visibility=Post.Visibility.FOLLOWERS)

    for status_id in (hidden.pk, 999999, "abc"):
        response = mastodon_as(bob).get(f"/api/v1/statuses/{status_id}")
        assert response.status_code == 404 and response.json() == {"error": "Record not found"}


def test_several_statuses_by_id_leave_out_those_not_seen(mastodon_as, alice, bob):
    first, second = post_create(author=alice, body="One"), post_create(author=alice, body="Two")
    hidden = post_create(author=alice, body="Three", visibility=Post.Visibility.FOLLOWERS)

    response = mastodon_as(bob).get(f"/api/v1/statuses?id[]={second.pk}&id[]={hidden.pk}&id[]={first.pk}")

    assert [status["id"] for status in response.json()] == [str(second.pk), str(first.pk)]


def test_an_edit_changes_the_words_warning_and_pictures_and_keeps_the_version(mastodon_as, alice):
    image = ImageFactory(uploader=alice, alt_text="")
    post = post_create(author=alice, body="First words")
    body = {
        "status": "Second words",
        "spoiler_text": "Careful",
        "media_ids": [str(image.pk)],
        "media_attributes": [{"id": str(image.pk), "description": "A red and blue square"}],
    }

    response = mastodon_as(alice).put(f"/api/v1/statuses/{post.pk}", body, format="json")

    status = response.json()
    assert response.status_code == 200
    assert "Second words" in status["content"] and status["spoiler_text"] == "Careful"
    assert status["edited_at"] is not None
    assert [media["description"] for media in status["media_attachments"]] == ["A red and blue square"]
    assert PostEdit.objects.get(post=post).body == "First words"


def test_an_edit_by_form_keeps_the_pictures_it_does_not_name(mastodon_as, alice):
    image = ImageFactory(uploader=alice)
    post = post_create(author=alice, body="Words", image_ids=[image.pk])

    response = mastodon_as(alice).put(f"/api/v1/statuses/{post.pk}", {"status": "New words"})

    assert response.status_code == 200
    assert [media["id"] for media in response.json()["media_attachments"]] == [str(image.pk)]


def test_editing_anothers_status_is_forbidden_and_a_hidden_one_not_found(mastodon_as, alice, bob):
    seen = post_create(author=alice, body="Public")
    hidden = post_create(author=alice, body="Mine", visibility=Post.Visibility.FOLLOWERS)

    assert mastodon_as(bob).put(f"/api/v1/statuses/{seen.pk}", {"status": "Mine now"}).status_code == 403
    assert mastodon_as(bob).put(f"/api/v1/statuses/{hidden.pk}", {"status": "Mine now"}).status_code == 404
    assert Post.objects.get(pk=seen.pk).body == "Public"


def test_delete_answers_the_status_with_its_source_text(mastodon_as, alice, bob):
    post = post_create(author=alice, body="Redraft me #soon", content_warning="cw")

    assert mastodon_as(bob).delete(f"/api/v1/statuses/{post.pk}").status_code == 403
    response = mastodon_as(alice).delete(f"/api/v1/statuses/{post.pk}")

    assert response.status_code == 200
    assert response.json()["text"] == "Redraft me #soon" and response.json()["spoiler_text"] == "cw"
    assert not Post.objects.filter(pk=post.pk).exists()
    assert mastodon_as(alice).get(f"/api/v1/statuses/{post.pk}").status_code == 404


def test_source_gives_the_words_as_written(mastodon_as, alice, bob):
    post = post_create(author=alice, body="Plain *text* @bob", content_warning="Spoiler")

    response = mastodon_as(alice).get(f"/api/v1/statuses/{post.pk}/source")

    assert response.json() == {"id": str(post.pk), "text": "Plain *text* @bob", "spoiler_text": "Spoiler"}
    assert response.json().keys() >= STATUS_SOURCE_FIELDS


def test_history_lists_the_versions_oldest_first_the_current_last(mastodon_as, alice, bob):
    post = post_create(author=alice, body="One")
    assert len(mastodon_as(bob).get(f"/api/v1/statuses/{post.pk}/history").json()) == 1
    post_update(post=post, editor=alice, body="Two", visibility=post.visibility, content_warning="Now warned")
    post_update(post=post, editor=alice, body="Three", visibility=post.visibility)

    history = mastodon_as(bob).get(f"/api/v1/statuses/{post.pk}/history").json()

    assert [edit["content"] for edit in history] == ["<p>One</p>", "<p>Two</p>", "<p>Three</p>"]
    assert [edit["spoiler_text"] for edit in history] == ["", "Now warned", "Now warned"]
    assert all(edit.keys() >= STATUS_EDIT_FIELDS for edit in history)
    assert [edit["account"]["id"] for edit in history] == [str(alice.pk)] * 3


def test_history_of_a_hidden_status_is_not_found(mastodon_as, alice, bob):
    post = post_create(author=alice, body="One", visibility=Post.Visibility.FOLLOWERS)

    assert mastodon_as(bob).get(f"/api/v1/statuses/{post.pk}/history").status_code == 404


def thread(alice, bob, carol, replies: int):
    root = post_create(author=alice, body="Root")
    middle = post_create(author=bob, body="Middle", in_reply_to=root)
    below = [post_create(author=carol, body=f"Reply {n}", in_reply_to=middle) for n in range(replies)]
    return root, middle, below


def test_context_gives_ancestors_and_descendants_the_viewer_sees(mastodon_as, alice, bob, carol):
    root, middle, below = thread(alice, bob, carol, replies=2)
    deeper = post_create(author=alice, body="Deeper", in_reply_to=below[0])
    block_create(blocker=carol, blocked=alice)

    response = mastodon_as(bob).get(f"/api/v1/statuses/{middle.pk}/context")

    context = response.json()
    assert context.keys() >= CONTEXT_FIELDS
    assert [status["id"] for status in context["ancestors"]] == [str(root.pk)]
    assert [status["id"] for status in context["descendants"]] == [str(below[0].pk), str(deeper.pk), str(below[1].pk)]
    assert context["descendants"][0].keys() >= STATUS_FIELDS
    # Carol blocked alice: her replies are hidden from alice, and with them alice's own reply below one.
    blocked = mastodon_as(alice).get(f"/api/v1/statuses/{middle.pk}/context").json()
    assert blocked["descendants"] == []


def test_context_leaves_out_a_removed_reply(mastodon_as, alice, bob, carol):
    root, middle, below = thread(alice, bob, carol, replies=1)
    post_remove(post=below[0])

    context = mastodon_as(alice).get(f"/api/v1/statuses/{root.pk}/context").json()

    assert context == {"ancestors": [], "descendants": [context["descendants"][0]]}
    assert context["descendants"][0]["id"] == str(middle.pk)


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_context_costs_the_same_for_one_reply_and_many(mastodon_as, alice, bob, carol):
    _, few, _ = thread(alice, bob, carol, replies=1)
    _, many, _ = thread(alice, bob, carol, replies=8)
    reader = mastodon_as(bob)
    for warm in (few, many):  # Renderings are cached on a first read.
        count_queries(reader, f"/api/v1/statuses/{warm.pk}/context")

    assert count_queries(reader, f"/api/v1/statuses/{few.pk}/context") == count_queries(
        reader, f"/api/v1/statuses/{many.pk}/context"
    )


def test_an_edit_by_form_describes_pictures_and_clears_the_warning(mastodon_as, alice):
    first, second = ImageFactory(uploader=alice, alt_text=""), ImageFactory(uploader=alice, alt_text="")
    post = post_create(author=alice, body="Words", content_warning="Old", image_ids=[first.pk])
    body = {
        "status": "Words",
        "spoiler_text": "",
        "media_ids[]": [str(second.pk), str(first.pk)],
        "media_attributes[][id]": [str(first.pk), str(second.pk)],
        "media_attributes[][description]": ["First", "Second"],
    }

    status = mastodon_as(alice).put(f"/api/v1/statuses/{post.pk}", body).json()

    assert status["spoiler_text"] == "" and status["sensitive"] is False
    assert [media["description"] for media in status["media_attachments"]] == ["Second", "First"]


def test_a_reblog_reads_as_its_wrapper_and_its_context_is_the_originals(mastodon_as, alice, bob, carol):
    root = post_create(author=alice, body="Root")
    reply = post_create(author=bob, body="Reply", in_reply_to=root)
    repost_create(user=carol, post=root)
    reblog = Post.objects.get(repost_of=root)
    client = mastodon_as(bob)

    status = client.get(f"/api/v1/statuses/{reblog.pk}").json()
    context = client.get(f"/api/v1/statuses/{reblog.pk}/context").json()

    assert status["id"] == str(reblog.pk) and status["reblog"]["id"] == str(root.pk)
    assert [item["id"] for item in context["descendants"]] == [str(reply.pk)]
