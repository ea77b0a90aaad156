"""Posts racing for the same images, with real threads on PostgreSQL: an image ends on one post."""

import pytest
from django.core.exceptions import ValidationError

from accounts.factories import UserFactory
from images.factories import ImageFactory
from posts import services
from posts.models import Post, PostImage
from tests.races import race

ROUNDS = 3

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("round_number", range(ROUNDS))
def test_two_posts_attaching_the_same_image_at_once_one_wins(round_number):
    author = UserFactory(username=f"ana{round_number}")
    image = ImageFactory(uploader=author)

    results = race(
        *[lambda n=n: services.post_create(author=author, body=f"Mine {n}", image_ids=[image.pk]) for n in range(2)]
    )

    won = [result for result in results if isinstance(result, Post)]
    lost = [result for result in results if isinstance(result, ValidationError)]
    assert (len(won), len(lost)) == (1, 1), results
    assert "already on another post" in " ".join(lost[0].messages)
    assert list(PostImage.objects.values_list("post_id", "image_id")) == [(won[0].pk, image.pk)]
    assert Post.objects.count() == 1


@pytest.mark.parametrize("round_number", range(ROUNDS))
def test_edits_at_once_leave_one_set_of_images_within_the_limit(round_number, settings):
    settings.POST_MAX_IMAGES = 2
    author = UserFactory(username=f"bo{round_number}")
    post = services.post_create(author=author, body="Edited twice")
    sets = [[image.pk for image in ImageFactory.create_batch(2, uploader=author)] for _ in range(3)]

    def edit(image_ids):
        fresh = Post.objects.get(pk=post.pk)
        return services.post_update(
            post=fresh, editor=author, body="Edited", visibility=fresh.visibility, image_ids=image_ids
        )

    results = race(*[lambda ids=ids: edit(ids) for ids in sets])

    assert all(isinstance(result, Post) for result in results), results
    attached = list(PostImage.objects.filter(post=post).values_list("image_id", flat=True))
    assert attached in sets
