"""Cards made from local pages: what a card holds, sharing by URL, the TTL, failures and pictures."""

import io
from datetime import timedelta

import pytest
from django.utils import timezone
from PIL import Image

from posts import services
from posts.factories import PostFactory
from posts.models import Post
from previews.cards import link_card_for, post_link_card_set
from previews.guard import link_normalised
from previews.models import LinkCard
from previews.tests.web import og_page

pytestmark = pytest.mark.django_db


def png(width: int = 800, height: int = 600, *, exif: bool = False, kind: str = "PNG") -> bytes:
    out = io.BytesIO()
    image = Image.new("RGB", (width, height), (200, 30, 90))
    if exif:
        data = Image.Exif()
        data[0x010F] = "SecretCam"  # Make
        gps = data.get_ifd(0x8825)  # GPSInfo: where the picture was taken
        gps[1], gps[2] = "N", (48.0, 51.0, 30.0)
        image.save(out, kind, exif=data)
    else:
        image.save(out, kind)
    return out.getvalue()


def test_a_card_from_opengraph_tags(web):
    page = og_page(title="A &amp; B", description="What it is about", site_name="Example News")
    card = link_card_for(url=web.add("/og", page))
    assert card.state == LinkCard.State.READY
    assert (card.title, card.description, card.site_name) == ("A & B", "What it is about", "Example News")
    assert card.fetched_at is not None and not card.image


def test_without_opengraph_the_title_and_meta_description(web):
    page = '<html><head><title>\n  Plain   page </title><meta name="description" content="Described"></head></html>'
    card = link_card_for(url=web.add("/plain", page))
    assert (card.state, card.title, card.description, card.site_name) == ("ready", "Plain page", "Described", "")


@pytest.mark.parametrize(
    ("body", "content_type", "title"),
    [
        ("<title>caf\xe9</title>".encode("latin-1"), "text/html; charset=iso-8859-1", "café"),
        ('<meta charset="windows-1251"><title>Привет</title>'.encode("cp1251"), "text/html", "Привет"),
        (b"<title>\xff\xfe broken \x00 bytes", "text/html", "\ufffd\ufffd broken bytes"),
        (b"<<<>>></p><title>ok</title></div><meta property=og:title <meta content=", "text/html", "ok"),
        ("<title>" + "long " * 200 + "</title>", "text/html; charset=utf-8", ("long " * 60)[:299].rstrip() + "…"),
    ],
    ids=["header charset", "meta charset", "bad bytes", "garbage", "too long"],
)
def test_charsets_and_garbage(web, body, content_type, title):
    card = link_card_for(url=web.add("/page", body, headers={"Content-Type": content_type}))
    assert (card.state, card.title) == ("ready", title)


def test_a_page_that_cannot_be_read_makes_a_failed_card(web):
    card = link_card_for(url=web.add("/json", b"{}", headers={"Content-Type": "application/json"}))
    assert card.state == LinkCard.State.FAILED
    assert "application/json" in card.failure
    assert card.title == ""


def test_the_picture_is_stored_as_a_small_clean_thumbnail(web, settings):
    source = png(1600, 900, exif=True, kind="JPEG")
    with Image.open(io.BytesIO(source)) as original:
        assert original.getexif().get_ifd(0x8825)  # The page's picture says where it was taken.
    image_url = web.add("/pic.jpg", source, headers={"Content-Type": "image/jpeg"})
    card = link_card_for(url=web.add("/with-picture", og_page(title="Pictured", image="/pic.jpg")))
    assert card.image.name.startswith("link_cards/")
    assert (card.image_width, card.image_height) == (settings.LINK_PREVIEW_IMAGE_SIDE, 225)
    assert str(settings.MEDIA_ROOT) in card.image.path
    with Image.open(card.image.path) as stored:
        assert stored.format == "JPEG"
        assert stored.size == (400, 225)
        assert not stored.getexif()
    assert image_url.endswith("/pic.jpg")


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (b"<html>not a picture</html>", "text/html"),
        (b"GIF89a but not really", "image/gif"),
        (png(), "image/svg+xml"),
    ],
    ids=["html", "lying type", "svg"],
)
def test_a_bad_picture_leaves_a_card_without_one(web, body, content_type):
    web.add("/pic", body, headers={"Content-Type": content_type})
    card = link_card_for(url=web.add("/page", og_page(title="Still a card", image=web.url("/pic"))))
    assert (card.state, card.title, card.image.name) == ("ready", "Still a card", "")


def test_a_decompression_bomb_is_not_decoded(web, settings):
    settings.IMAGE_MAX_PIXELS = 100 * 100
    web.add("/bomb.png", png(200, 200), headers={"Content-Type": "image/png"})
    card = link_card_for(url=web.add("/page", og_page(title="Bomb", image="/bomb.png")))
    assert (card.state, card.image.name) == ("ready", "")


def test_a_picture_at_a_private_address_is_not_fetched(web):
    card = link_card_for(url=web.add("/page", og_page(title="Sneaky", image="http://169.254.169.254/latest/x.png")))
    assert (card.state, card.image.name) == ("ready", "")


def test_cards_are_shared_by_url_until_their_ttl(web, settings):
    url = web.add("/shared", og_page(title="First"))
    first = link_card_for(url=url)
    web.add("/shared", og_page(title="Second"))
    assert link_card_for(url=url).pk == first.pk
    assert LinkCard.objects.get().title == "First"
    assert web.requests == ["/shared"]
    LinkCard.objects.update(fetched_at=timezone.now() - settings.LINK_PREVIEW_TTL - timedelta(seconds=1))
    assert link_card_for(url=url).title == "Second"
    assert LinkCard.objects.count() == 1


def test_a_refetched_card_moves_the_versions_of_the_posts_showing_it(web, settings):
    card = link_card_for(url=web.add("/news", og_page(title="Old")))
    post = PostFactory(link_card=card)
    LinkCard.objects.update(fetched_at=timezone.now() - settings.LINK_PREVIEW_TTL - timedelta(seconds=1))
    link_card_for(url=card.url)
    assert Post.objects.get(pk=post.pk).version == post.version + 1


def test_a_refetched_card_replaces_its_picture(web, settings):
    web.add("/a.png", png(), headers={"Content-Type": "image/png"})
    card = link_card_for(url=web.add("/p", og_page(title="P", image="/a.png")))
    old = card.image.path
    LinkCard.objects.update(fetched_at=timezone.now() - settings.LINK_PREVIEW_TTL - timedelta(seconds=1))
    card = link_card_for(url=card.url)
    assert card.image.path != old
    assert not card.image.storage.exists(old) and card.image.storage.exists(card.image.name)


def test_the_card_is_set_only_while_the_post_still_links_there(web):
    url = web.add("/one", og_page(title="One"))
    post = PostFactory(body=f"see {url}")
    card = link_card_for(url=url)
    Post.objects.filter(pk=post.pk).update(body="edited meanwhile, no link")
    assert post_link_card_set(post_id=post.pk, url=url, card=card) is False
    assert Post.objects.get(pk=post.pk).link_card is None


@pytest.mark.parametrize(
    ("url", "normalised"),
    [
        ("HTTP://Example.COM:80/a#frag", "http://example.com/a"),
        ("https://example.com:443", "https://example.com/"),
        ("https://example.com:8443/x?y=1", "https://example.com:8443/x?y=1"),
        ("https://bücher.example/straße", "https://xn--bcher-kva.example/stra%C3%9Fe"),
        ("http://[::1]:80/", "http://[::1]/"),
    ],
)
def test_link_normalised(url, normalised):
    assert link_normalised(url) == normalised


def test_posts_linking_to_the_same_page_share_its_card(web, alice, django_capture_on_commit_callbacks):
    url = web.add("/together", og_page(title="Together"))
    with django_capture_on_commit_callbacks(execute=True):
        first = services.post_create(author=alice, body=f"one {url}")
        second = services.post_create(author=alice, body=f"two {url}#comments and http://other.example/")
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.link_card_id == second.link_card_id is not None
    assert web.requests == ["/together"]
