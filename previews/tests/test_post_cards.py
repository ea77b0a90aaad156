"""A post's card through both doors: the page and the API show it; edits change or drop it."""

import pytest
from django.urls import reverse

from posts import services
from posts.models import Post
from posts.tests.helpers import POSTS, detail
from previews.models import LinkCard
from previews.tests.web import og_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def publish(api_as, alice, django_capture_on_commit_callbacks):
    """`publish(body)`: alice posts through the API; the card's task runs when the post commits."""

    def post(body: str) -> Post:
        with django_capture_on_commit_callbacks(execute=True):
            response = api_as(alice).post(POSTS, {"body": body}, format="json")
        assert response.status_code == 201
        return Post.objects.get(pk=response.json()["id"])

    return post


def test_the_api_shows_the_card_of_the_first_link(web, publish, api_as, bob):
    url = web.add("/story", og_page(title="The story", description="All of it", site_name="Local"))
    web.add("/other", og_page(title="Not this one"))
    post = publish(f"Read {url} and then {web.url('/other')}")

    card = api_as(bob).get(detail(post.pk)).json()["link_card"]
    assert card == {
        "url": url,
        "title": "The story",
        "description": "All of it",
        "site_name": "Local",
        "domain": "127.0.0.1",
        "image_url": None,
        "image_width": None,
        "image_height": None,
    }
    assert web.requests == ["/story"]


def test_the_page_shows_the_card_as_one_link(web, publish, client):
    url = web.add("/story", og_page(title="The <story>", description="Told"))
    post = publish(f"Look: {url}")

    html = client.get(reverse("posts:detail", args=[post.pk])).content.decode()
    assert f'<a class="link-card" href="{url}" rel="noopener nofollow ugc" target="_blank">' in html
    assert '<strong class="link-card-title" dir="auto">The &lt;story&gt;</strong>' in html
    assert '<span class="link-card-description" dir="auto">Told</span>' in html
    assert '<span class="link-card-domain">127.0.0.1</span>' in html


def test_the_card_picture_is_served_from_the_site(web, publish, client, api_as, bob):
    from previews.tests.test_cards import png

    web.add("/cover.png", png(), headers={"Content-Type": "image/png"})
    post = publish(f"Pictured {web.add('/pictured', og_page(title='Pictured', image='/cover.png'))}")
    card = LinkCard.objects.get()

    html = client.get(reverse("posts:detail", args=[post.pk])).content.decode()
    assert f'<img class="link-card-image" src="/media/{card.image.name}" alt="" width="400" height="300"' in html
    data = api_as(bob).get(detail(post.pk)).json()["link_card"]
    assert data["image_url"] == f"http://testserver/media/{card.image.name}"


def test_no_link_no_card_and_no_fetch(web, publish, api_as, bob):
    post = publish("Nothing to see, just ftp://example.com and www.example.com")
    assert api_as(bob).get(detail(post.pk)).json()["link_card"] is None
    assert LinkCard.objects.count() == 0


def test_a_failed_card_is_not_shown(web, publish, api_as, bob, client):
    post = publish(f"Broken {web.add('/gone', 'nope', status=404)}")
    assert Post.objects.get(pk=post.pk).link_card.state == LinkCard.State.FAILED
    assert api_as(bob).get(detail(post.pk)).json()["link_card"] is None
    assert "link-card" not in client.get(reverse("posts:detail", args=[post.pk])).content.decode()


def test_a_link_to_a_private_address_gets_no_card(publish, api_as, bob, settings):
    settings.LINK_PREVIEW_TEST_ADDRESSES = frozenset()
    post = publish("Our admin http://127.0.0.1:8000/admin/ and metadata http://169.254.169.254/")
    card = Post.objects.get(pk=post.pk).link_card
    assert (card.state, card.url) == (LinkCard.State.FAILED, "http://127.0.0.1:8000/admin/")
    assert api_as(bob).get(detail(post.pk)).json()["link_card"] is None


def test_editing_the_link_changes_the_card(web, publish, api_as, alice, bob, django_capture_on_commit_callbacks):
    post = publish(f"First {web.add('/one', og_page(title='One'))}")
    two = web.add("/two", og_page(title="Two"))
    with django_capture_on_commit_callbacks(execute=True):
        response = api_as(alice).patch(detail(post.pk), {"body": f"Now {two}"}, format="json")
    assert response.status_code == 200
    assert api_as(bob).get(detail(post.pk)).json()["link_card"]["title"] == "Two"


def test_editing_on_the_page_changes_the_card(web, publish, client, alice, django_capture_on_commit_callbacks):
    post = publish(f"First {web.add('/one', og_page(title='One'))}")
    two = web.add("/two", og_page(title="Two"))
    client.force_login(alice)
    form = {"body": f"Now {two}", "visibility": "public", "reply_policy": "everyone", "quote_policy": "everyone"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("posts:edit", args=[post.pk]), form)
    assert response.status_code == 302
    html = client.get(reverse("posts:detail", args=[post.pk])).content.decode()
    assert "Two</strong>" in html and "One</strong>" not in html


def test_removing_the_link_drops_the_card_and_an_unchanged_link_keeps_it(web, publish, alice):
    url = web.add("/one", og_page(title="One"))
    post = publish(f"First {url}")
    card_id = Post.objects.get(pk=post.pk).link_card_id
    post = services.post_update(post=post, editor=alice, body=f"Reworded, same {url}#here", visibility="public")
    assert Post.objects.get(pk=post.pk).link_card_id == card_id
    services.post_update(post=post, editor=alice, body="No link now", visibility="public")
    assert Post.objects.get(pk=post.pk).link_card_id is None
    assert web.requests == ["/one"]


def test_setting_the_card_moves_the_post_version(web, alice, django_capture_on_commit_callbacks):
    """Renderings are cached per version: a post whose card arrives must not be read from its old one."""
    with django_capture_on_commit_callbacks(execute=True):
        post = services.post_create(author=alice, body=f"See {web.add('/v', og_page(title='V'))}")
        version = post.version
    assert Post.objects.get(pk=post.pk).version == version + 1


def test_a_repost_shows_its_original_card(web, publish, api_as, bob):
    post = publish(f"Share {web.add('/s', og_page(title='Shared'))}")
    response = api_as(bob).post(reverse("api:post-repost", args=[post.pk]))
    assert response.status_code in (200, 201)
    items = api_as(bob).get(reverse("api:user-posts", args=["bob"])).json()["results"]
    assert items[0]["repost_of"]["link_card"]["title"] == "Shared"
