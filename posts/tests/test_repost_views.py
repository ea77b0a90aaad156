"""Reposting, quoting and detaching through the pages: plain forms redirect, htmx gets the fragment back."""

import re

import pytest
from django.urls import reverse

from notifications.models import Event
from posts import reposts, services
from posts.models import Post
from posts.tests.helpers import HTMX, assert_is_fragment, assert_login_redirect

pytestmark = pytest.mark.django_db
COMPOSE = reverse("posts:create")


@pytest.fixture
def bob_client(client, bob):
    client.force_login(bob)
    return client


def test_repost_with_a_plain_form_redirects_back(bob_client, bob, post):
    response = bob_client.post(reverse("posts:repost", args=[post.pk]), {"next": "/explore/"})

    assert (response.status_code, response["Location"]) == (302, "/explore/")
    post.refresh_from_db()
    assert post.repost_count == 1
    assert Post.objects.filter(author=bob, repost_of=post).exists()


def test_repost_and_undo_with_htmx_answer_the_button(bob_client, bob, post):
    response = bob_client.post(reverse("posts:repost", args=[post.pk]), headers=HTMX)

    assert_is_fragment(response)
    content = response.content.decode()
    assert f'action="/posts/{post.pk}/unrepost/"' in content
    assert 'aria-pressed="true"' in content
    assert re.search(r"</span> 1<span class=\"visually-hidden\"> repost, undo repost", content)

    response = bob_client.post(reverse("posts:unrepost", args=[post.pk]), headers=HTMX)

    assert f'action="/posts/{post.pk}/repost/"' in response.content.decode()
    assert not Post.objects.filter(author=bob, repost_of=post).exists()


def test_a_refused_repost_is_a_403_and_its_button_is_not_shown(client, followers_post, follower):
    client.force_login(follower)

    assert client.post(reverse("posts:repost", args=[followers_post.pk])).status_code == 403
    page = client.get(followers_post.get_absolute_url()).content.decode()
    assert f"/posts/{followers_post.pk}/repost/" not in page
    assert "Quote<span" in page  # A follower may quote it (only who may see it sees the card).


def test_reposting_needs_a_login(client, post):
    assert_login_redirect(client.post(reverse("posts:repost", args=[post.pk])))


def test_a_repost_rows_page_is_its_originals(bob_client, bob, post):
    reposts.repost_create(user=bob, post=post)
    row = Post.objects.get(author=bob)

    response = bob_client.get(reverse("posts:detail", args=[row.pk]))

    assert (response.status_code, response["Location"]) == (302, post.get_absolute_url())


def test_the_quote_link_opens_compose_with_the_quoted_post_shown(bob_client, post):
    page = bob_client.get(post.get_absolute_url()).content.decode()
    assert f'href="{COMPOSE}?quote={post.pk}"' in page

    response = bob_client.get(COMPOSE, {"quote": post.pk})

    content = response.content.decode()
    assert response.status_code == 200
    assert '<blockquote class="quote-card"' in content
    assert "Hello" in content
    assert f'name="quoted_post" value="{post.pk}"' in content


def test_posting_the_compose_form_publishes_a_quote(bob_client, bob, post, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = bob_client.post(COMPOSE, {"body": "So true", "visibility": "public", "quoted_post": post.pk})

    quote = Post.objects.get(author=bob)
    assert response.status_code == 302
    assert quote.quoted_post == post
    assert Event.objects.filter(kind=Event.Kind.QUOTE, post=quote).exists()
    page = bob_client.get(quote.get_absolute_url()).content.decode()
    assert '<blockquote class="quote-card"' in page


@pytest.mark.parametrize(
    ("quote_policy", "refusal"),
    [
        ("nobody", "The author does not let anyone quote this post."),
        ("followers", "Only the author&#x27;s followers may quote this post."),
    ],
)
def test_the_compose_page_says_at_once_that_a_post_may_not_be_quoted(bob_client, alice, quote_policy, refusal):
    """A ?quote= link to a post its author does not let you quote: no form to fill in and be refused after."""
    post = services.post_create(author=alice, body="Mine alone", quote_policy=quote_policy)

    content = bob_client.get(COMPOSE, {"quote": post.pk}).content.decode()

    assert f'<p class="quote-refusal" role="status">{refusal}' in content
    assert 'name="body"' not in content


@pytest.mark.parametrize("quoted", ["hidden", "garbage", "refused"])
def test_a_quote_that_cannot_be_made_is_a_form_error(quoted, bob_client, alice, followers_post):
    if quoted == "refused":
        target = services.post_create(author=alice, body="No", quote_policy=Post.QuotePolicy.NOBODY).pk
    else:
        target = followers_post.pk if quoted == "hidden" else "abc"

    response = bob_client.post(COMPOSE, {"body": "Quoting", "visibility": "public", "quoted_post": target})

    assert response.status_code == 400
    assert '<div class="form-errors" role="alert">' in response.content.decode()
    assert not Post.objects.filter(body="Quoting").exists()


def test_compose_and_edit_set_who_may_quote(bob_client, bob):
    bob_client.post(COMPOSE, {"body": "Mine", "visibility": "public", "quote_policy": "followers"})
    post = Post.objects.get(author=bob)
    assert post.quote_policy == "followers"

    edit = reverse("posts:edit", args=[post.pk])
    assert 'value="followers" selected' in bob_client.get(edit).content.decode()
    bob_client.post(edit, {"body": "Mine", "visibility": "public", "quote_policy": "nobody"})

    post.refresh_from_db()
    assert (post.quote_policy, post.edited_at) == ("nobody", None)


def test_the_profile_settings_set_the_default_quote_policy(bob_client, bob):
    response = bob_client.post(
        reverse("accounts:profile_edit"),
        {"display_name": bob.display_name, "bio": "", "email": bob.email, "default_quote_policy": "nobody"},
    )

    assert response.status_code == 302
    bob.refresh_from_db()
    assert bob.default_quote_policy == "nobody"
    bob_client.post(COMPOSE, {"body": "Mine", "visibility": "public"})
    assert Post.objects.get(author=bob).quote_policy == "nobody"


def test_the_quoted_author_detaches_from_the_quote_page(client, alice, bob, post):
    quote = services.post_create(author=bob, body="Quoting", quoted_post=post)
    client.force_login(alice)
    page = client.get(quote.get_absolute_url()).content.decode()
    assert f'action="/posts/{quote.pk}/detach/"' in page

    response = client.post(reverse("posts:quote_detach", args=[quote.pk]))

    assert response.status_code == 302
    page = client.get(quote.get_absolute_url()).content.decode()
    assert "The author detached their post from this quote." in page
    assert "/detach/" not in page


def test_someone_else_cannot_detach(bob_client, alice, carol):
    post = services.post_create(author=alice, body="Hello")
    quote = services.post_create(author=carol, body="Quoting", quoted_post=post)

    assert bob_client.post(reverse("posts:quote_detach", args=[quote.pk])).status_code == 403


def test_a_quote_of_a_deleted_post_says_it_is_unavailable(client, alice, bob, post):
    quote = services.post_create(author=bob, body="Quoting", quoted_post=post)
    services.post_delete(post=post, actor=alice)

    assert "This post is unavailable." in client.get(quote.get_absolute_url()).content.decode()
