"""A post with two images and alt text, through the real composer: its thumbnails, the viewer with the
full images (keyboard: arrows, Escape, focus back), and without JavaScript a thumbnail is a link to
the full image."""

import re

import pytest
from playwright.sync_api import Page, expect

from images.tests.pictures import picture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct-horse-battery-staple-42"
ALT_TEXTS = ("A red and blue flag, wide", "A red and blue flag, tall")


@pytest.fixture
def erin(db, settings):
    from accounts.services import user_create

    settings.ROOT_URLCONF = "tests.browser.media_urls"
    return user_create(username="erin", email="erin@example.com", password=PASSWORD, display_name="Erin")


@pytest.fixture
def pictures(tmp_path):
    wide, tall = tmp_path / "wide.png", tmp_path / "tall.png"
    wide.write_bytes(picture(900, 600))
    tall.write_bytes(picture(400, 700))
    return [str(wide), str(tall)]


def log_in_as_erin(page: Page) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill("erin")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(r"/$"))


def publish_with_images(page: Page, pictures: list[str], *, alt_texts=ALT_TEXTS) -> None:
    page.goto("/compose/")
    page.get_by_label("What's happening?").fill("Two flags")
    page.locator("input[type=file][name=images]").set_input_files(pictures)
    for place, text in enumerate(alt_texts, start=1):
        page.get_by_label(f"Alt text for image {place}").fill(text)
    page.get_by_role("button", name="Post").click()
    expect(page.get_by_text("Your post is up.")).to_be_visible()


def the_post(page: Page):
    return page.get_by_role("article").filter(has_text="Two flags")


def test_post_two_images_see_thumbnails_and_open_the_viewer(new_page, erin, pictures, screenshot, page_errors):
    page = new_page()
    log_in_as_erin(page)
    page.goto("/compose/")
    page.locator("input[type=file][name=images]").set_input_files(pictures)
    # The previews show, with a polite note while an image has no alt text; it does not block.
    expect(page.locator(".alt-field img.image-preview")).to_have_count(2)
    expect(page.get_by_role("status").filter(has_text="no alt text")).to_be_visible()
    page.get_by_label("Alt text for image 1").fill(ALT_TEXTS[0])
    expect(page.get_by_role("status").filter(has_text="Image 2 has no alt text")).to_be_visible()
    screenshot(page, "post-images-composer")

    publish_with_images(page, pictures)
    page.goto("/@erin")
    post = the_post(page)
    thumbnails = post.locator("img.thumbnail")
    expect(thumbnails).to_have_count(2)
    for thumbnail, text in zip(thumbnails.all(), ALT_TEXTS, strict=True):
        expect(thumbnail).to_have_attribute("alt", text)
        assert thumbnail.evaluate("image => image.complete && image.naturalWidth > 0"), "the thumbnail loaded"
    expect(post.get_by_text("ALT")).to_have_count(2)
    screenshot(page, "post-images-grid")

    post.get_by_role("link", name=ALT_TEXTS[0]).click()
    viewer = page.get_by_role("dialog", name="Image viewer")
    expect(viewer).to_be_visible()
    full = viewer.locator("img.viewer-image")
    expect(full).to_have_attribute("alt", ALT_TEXTS[0])
    page.wait_for_function("() => document.querySelector('.viewer-image').complete")
    assert full.evaluate("image => image.naturalWidth") == 900, "the full image, not the thumbnail"
    expect(viewer.get_by_role("button", name="Close the viewer")).to_be_focused()
    screenshot(page, "post-images-viewer")

    page.keyboard.press("ArrowRight")
    expect(full).to_have_attribute("alt", ALT_TEXTS[1])
    expect(viewer.get_by_text("Image 2 of 2")).to_be_visible()
    page.keyboard.press("Escape")
    expect(viewer).to_be_hidden()
    expect(post.get_by_role("link", name=ALT_TEXTS[0])).to_be_focused()

    # By keyboard alone: Enter on the focused thumbnail opens it again.
    page.keyboard.press("Enter")
    expect(viewer).to_be_visible()
    page.keyboard.press("Escape")
    expect(viewer).to_be_hidden()
    assert page_errors == []


def test_without_javascript_a_thumbnail_is_a_link_to_the_full_image(new_page, erin, pictures, screenshot, page_errors):
    page = new_page(java_script_enabled=False)
    log_in_as_erin(page)
    publish_with_images(page, pictures)
    page.goto("/@erin")
    link = the_post(page).get_by_role("link", name=ALT_TEXTS[1])
    expect(link).to_have_attribute("href", re.compile(r"^/media/images/.+\.png$"))
    screenshot(page, "post-images-no-js")

    link.click()
    expect(page).to_have_url(re.compile(r"/media/images/.+\.png$"))
    assert page_errors == []
