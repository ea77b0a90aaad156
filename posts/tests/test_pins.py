"""Pinned posts: at most three of one's own, shown first on the Posts tab to those who may see them."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from posts import pins, services
from posts.models import Pin, Post
from posts.reposts import repost_create
from posts.tests.helpers import HTMX, post_ids_on
from social.services import block_create, follow_create


def profile(client, user, **query):
    return client.get(reverse("social:profile", args=[user.username]), query)


def posts_by(author, count: int, **fields) -> list[Post]:
    return [services.post_create(author=author, body=f"post {number}", **fields) for number in range(count)]


def test_a_fourth_pin_is_refused_with_a_clear_error(alice):
    first, second, third, fourth = posts_by(alice, 4)
    for post in (first, second, third):
        assert pins.post_pin(user=alice, post=post) is True

    with pytest.raises(ValidationError) as refused:
        pins.post_pin(user=alice, post=fourth)

    assert refused.value.messages == ["You can pin at most 3 posts: unpin one first."]
    assert set(Pin.objects.filter(user=alice).values_list("post_id", flat=True)) == {first.pk, second.pk, third.pk}


def test_pinning_twice_keeps_one_pin_and_unpinning_frees_a_place(alice):
    first, second, third, fourth = posts_by(alice, 4)
    for post in (first, second, third):
        pins.post_pin(user=alice, post=post)

    assert pins.post_pin(user=alice, post=first) is False
    assert pins.post_unpin(user=alice, post=first) is True
    assert pins.post_unpin(user=alice, post=first) is False
    assert pins.post_pin(user=alice, post=fourth) is True
    assert Pin.objects.filter(user=alice).count() == 3


def test_others_posts_and_reposts_cannot_be_pinned(alice, bob):
    (post,) = posts_by(alice, 1)
    repost_create(user=bob, post=post)
    repost = Post.objects.get(author=bob, repost_of=post)

    with pytest.raises(PermissionDenied, match="only pin your own"):
        pins.post_pin(user=bob, post=post)
    with pytest.raises(PermissionDenied, match="repost cannot be pinned"):
        pins.post_pin(user=bob, post=repost)
    assert not Pin.objects.exists()


def test_a_deleted_post_leaves_the_pins_and_a_removed_one_frees_its_place(alice):
    first, second, third, fourth = posts_by(alice, 4)
    for post in (first, second, third):
        pins.post_pin(user=alice, post=post)

    services.post_delete(post=first, actor=alice)
    services.post_remove(post=second)

    assert list(Pin.objects.filter(user=alice).values_list("post_id", flat=True).order_by("id")) == [
        second.pk,
        third.pk,
    ]
    assert pins.post_pin(user=alice, post=fourth) is True
    second.refresh_from_db()
    with pytest.raises(PermissionDenied, match="removed"):
        pins.post_pin(user=alice, post=second)


def test_pinned_posts_show_first_with_a_label_and_not_twice(client, alice, bob):
    older, middle, newer = posts_by(alice, 3)
    pins.post_pin(user=alice, post=older)
    client.force_login(bob)

    response = profile(client, alice)

    assert post_ids_on(response) == [older.pk, newer.pk, middle.pk]
    content = response.content.decode()
    assert content.count("Pinned</p>") == 1
    assert content.index(f'id="post-{older.pk}"') < content.index("Pinned</p>") < content.index(f'id="post-{newer.pk}"')


def test_the_replies_tab_and_later_pages_show_no_pinned_section(client, settings, alice, bob):
    settings.PAGE_SIZE = 2
    older, middle, newer = posts_by(alice, 3)
    pins.post_pin(user=alice, post=newer)
    client.force_login(bob)

    assert post_ids_on(profile(client, alice, with_replies="1")) == [newer.pk, middle.pk, older.pk][:2]
    assert "Pinned</p>" not in profile(client, alice, with_replies="1").content.decode()
    assert post_ids_on(profile(client, alice, before=str(middle.pk))) == [older.pk]


def test_a_pinned_post_is_hidden_from_who_may_not_see_it(client, alice, bob, carol):
    (secret,) = posts_by(alice, 1, visibility=Post.Visibility.FOLLOWERS)
    (public,) = posts_by(alice, 1)
    pins.post_pin(user=alice, post=secret)
    pins.post_pin(user=alice, post=public)
    follow_create(follower=carol, followee=alice)

    client.force_login(bob)
    assert post_ids_on(profile(client, alice)) == [public.pk]
    client.force_login(carol)
    assert post_ids_on(profile(client, alice)) == [public.pk, secret.pk]
    client.logout()
    assert post_ids_on(profile(client, alice)) == [public.pk]
    block_create(blocker=bob, blocked=alice)
    client.force_login(bob)
    assert post_ids_on(profile(client, alice)) == []


def test_the_owner_pins_and_unpins_with_a_form(client, alice):
    first, second = posts_by(alice, 2)
    client.force_login(alice)

    content = profile(client, alice).content.decode()
    assert content.count('class="inline-form pin-form"') == 2
    response = client.post(reverse("posts:pin", args=[first.pk]), {"next": alice.get_absolute_url()})

    assert response.status_code == 302
    assert response["Location"] == alice.get_absolute_url()
    page = profile(client, alice)
    assert post_ids_on(page) == [first.pk, second.pk]
    assert f'action="{reverse("posts:unpin", args=[first.pk])}"' in page.content.decode()
    client.post(reverse("posts:unpin", args=[first.pk]))
    assert not Pin.objects.exists()


def test_pin_buttons_show_only_to_the_owner_on_their_own_posts(client, alice, bob):
    (post,) = posts_by(alice, 1)
    repost_create(user=alice, post=posts_by(bob, 1)[0])
    client.force_login(bob)
    assert "pin-form" not in profile(client, alice).content.decode()
    client.force_login(alice)
    content = profile(client, alice).content.decode()
    assert content.count("pin-form") == 1
    assert f'action="{reverse("posts:pin", args=[post.pk])}"' in content


def test_htmx_pins_answer_with_the_button_in_its_new_state(client, alice):
    (post,) = posts_by(alice, 1)
    client.force_login(alice)

    response = client.post(reverse("posts:pin", args=[post.pk]), headers=HTMX)

    content = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in content
    assert f'action="{reverse("posts:unpin", args=[post.pk])}"' in content
    assert 'aria-pressed="true"' in content
    assert Pin.objects.filter(user=alice, post=post).exists()


def test_a_fourth_pin_by_form_or_htmx_says_why(client, alice):
    *pinned, fourth = posts_by(alice, 4)
    for post in pinned:
        pins.post_pin(user=alice, post=post)
    client.force_login(alice)

    htmx = client.post(reverse("posts:pin", args=[fourth.pk]), headers=HTMX)
    form = client.post(reverse("posts:pin", args=[fourth.pk]), {"next": alice.get_absolute_url()}, follow=True)

    assert htmx.status_code == 400
    assert "You can pin at most 3 posts" in htmx.content.decode()
    assert "You can pin at most 3 posts" in form.content.decode()
    assert Pin.objects.filter(user=alice).count() == 3


def test_pinning_others_posts_by_form_is_forbidden(client, alice, bob):
    (post,) = posts_by(alice, 1)
    client.force_login(bob)
    assert client.post(reverse("posts:pin", args=[post.pk])).status_code == 403
    assert not Pin.objects.exists()


def test_the_author_pins_from_the_thread_page_and_comes_back_to_it(client, alice, bob):
    (post,) = posts_by(alice, 1)
    url = reverse("posts:detail", args=[post.pk])
    client.force_login(bob)
    assert "pin-form" not in client.get(url).content.decode()
    client.force_login(alice)

    assert f'action="{reverse("posts:pin", args=[post.pk])}"' in client.get(url).content.decode()
    response = client.post(reverse("posts:pin", args=[post.pk]), {"next": url})

    assert response["Location"] == url
    assert f'action="{reverse("posts:unpin", args=[post.pk])}"' in client.get(url).content.decode()
