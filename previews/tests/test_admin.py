"""The cards' admin lets staff look up what a link's card says and why it failed, and change nothing."""

import pytest
from django.urls import reverse

from previews.factories import LinkCardFactory
from previews.models import LinkCard

pytestmark = pytest.mark.django_db


def test_staff_find_a_card_and_cannot_change_it(admin_client):
    card = LinkCardFactory(url="https://broken.example/", state=LinkCard.State.FAILED, failure="answered 500")
    changelist = admin_client.get(reverse("admin:previews_linkcard_changelist"), {"state__exact": "failed"})
    assert "https://broken.example/" in changelist.content.decode()
    page = admin_client.get(reverse("admin:previews_linkcard_change", args=[card.pk]))
    assert page.status_code == 200 and "answered 500" in page.content.decode()
    assert admin_client.get(reverse("admin:previews_linkcard_add")).status_code == 403
    admin_client.post(reverse("admin:previews_linkcard_change", args=[card.pk]), {"title": "Hijacked"})
    assert LinkCard.objects.get(pk=card.pk).title == card.title
