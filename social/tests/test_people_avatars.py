"""People lists show each person's avatar (their picture, or their initial when they have none)."""

from django.urls import reverse

from accounts.factories import UserFactory
from accounts.models import User
from images.factories import ImageFactory
from social.services import follow_create


def test_followers_and_following_show_avatars_and_names_marked_for_direction(client, alice):
    pictured = UserFactory(username="pic", display_name="Pic")
    avatar = ImageFactory(uploader=pictured, purpose="avatar")
    User.objects.filter(pk=pictured.pk).update(avatar_image=avatar)
    plain = UserFactory(username="plain", display_name="Plain")
    for person in (pictured, plain):
        follow_create(follower=person, followee=alice)
        follow_create(follower=alice, followee=person)

    for url in (reverse("social:followers", args=["alice"]), reverse("social:following", args=["alice"])):
        content = client.get(url).content.decode()
        assert f'<img class="avatar" src="{avatar.thumbnail.url}" alt=""' in content
        assert '<span class="avatar avatar-initial" aria-hidden="true">P</span>' in content
        assert '<strong dir="auto">Plain</strong>' in content
