"""A person's avatar and header image, asked through both doors by every kind of viewer: whoever sees
the profile sees its pictures, on the page and in the API, and the images themselves open for them;
someone the person blocked sees none of it."""

import pytest
from django.urls import reverse

from accounts import services as accounts
from images.factories import ImageFactory
from images.models import Image

pytestmark = pytest.mark.django_db


def test_the_profile_pictures_show_at_both_doors_for_the_same_viewers(world, doors):
    ana = world.viewers["author"]
    avatar = ImageFactory(uploader=ana, purpose=Image.Purpose.AVATAR, alt_text="")
    header = ImageFactory(uploader=ana, purpose=Image.Purpose.HEADER, alt_text="A garden in bloom")
    accounts.user_update_profile(user=ana, avatar_image=avatar, header_image=header)

    seen = {}
    for role, (page, api) in doors.items():
        html = page.get(reverse("social:profile", args=["ana"])).content.decode()
        on_page = (avatar.thumbnail.url in html, header.file.url in html and 'alt="A garden in bloom"' in html)
        profile = api.get(reverse("api:user-detail", kwargs={"username": "ana"}))
        body = profile.json() if profile.status_code == 200 else {}
        in_api = (
            bool(body.get("avatar_url", "").endswith(avatar.thumbnail.url)),
            (body.get("header") or {}).get("alt_text") == "A garden in bloom",
        )
        opens = api.get(reverse("api:image-detail", kwargs={"image_id": header.pk})).status_code == 200
        assert on_page == in_api, role
        seen[role] = (*on_page, opens)

    everyone_but_the_blocked = {role: (True, True, True) for role in doors}
    everyone_but_the_blocked["blocked"] = (False, False, False)
    assert seen == everyone_but_the_blocked
