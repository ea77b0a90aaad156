"""Pins through the API: POST/DELETE posts/{id}/pin and users/{u}/pinned, as the profile page has them."""

from django.urls import reverse

from posts import pins, services
from posts.models import Pin, Post
from posts.reposts import repost_create
from social.services import follow_create


def pin_url(post) -> str:
    return reverse("api:post-pin", kwargs={"post_id": post.pk})


def pinned_url(user) -> str:
    return reverse("api:user-pinned", kwargs={"username": user.username})


def test_pinning_answers_201_then_200_and_unpinning_204(api_as, alice):
    post = services.post_create(author=alice, body="Pin me")
    api = api_as(alice)

    first = api.post(pin_url(post))
    again = api.post(pin_url(post))

    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json() == again.json() == {"pinned": True}
    assert first["Location"].endswith(pinned_url(alice))
    assert [item["id"] for item in api.get(pinned_url(alice)).json()["results"]] == [post.pk]
    assert api.delete(pin_url(post)).status_code == 204
    assert api.delete(pin_url(post)).status_code == 204
    assert not Pin.objects.exists()


def test_a_fourth_pin_is_a_409_with_the_reason(api_as, alice):
    posts = [services.post_create(author=alice, body=f"post {number}") for number in range(4)]
    api = api_as(alice)
    for post in posts[:3]:
        assert api.post(pin_url(post)).status_code == 201

    response = api.post(pin_url(posts[3]))

    assert response.status_code == 409
    assert response.json()["error"]["message"] == "You can pin at most 3 posts: unpin one first."
    assert Pin.objects.filter(user=alice).count() == 3


def test_others_posts_are_403_and_hidden_ones_404(api_as, alice, bob):
    public = services.post_create(author=alice, body="Mine")
    secret = services.post_create(author=alice, body="Followers only", visibility=Post.Visibility.FOLLOWERS)
    repost_create(user=bob, post=public)
    repost = Post.objects.get(author=bob, repost_of=public)
    api = api_as(bob)

    assert api.post(pin_url(public)).json()["error"]["code"] == "permission_denied"
    assert api.post(pin_url(public)).status_code == 403
    assert api.post(pin_url(repost)).status_code == 403
    assert api.post(pin_url(secret)).status_code == 404
    assert not Pin.objects.exists()


def test_the_pinned_list_shows_only_what_the_viewer_may_see(api_as, api_client, alice, bob, carol):
    public = services.post_create(author=alice, body="For all")
    secret = services.post_create(author=alice, body="For followers", visibility=Post.Visibility.FOLLOWERS)
    pins.post_pin(user=alice, post=public)
    pins.post_pin(user=alice, post=secret)
    follow_create(follower=carol, followee=alice)

    def pinned_ids(api) -> list[int]:
        return [item["id"] for item in api.get(pinned_url(alice)).json()["results"]]

    assert pinned_ids(api_as(carol)) == [secret.pk, public.pk]
    assert pinned_ids(api_as(bob)) == [public.pk]
    assert pinned_ids(api_client) == [public.pk]
