"""What the reading tests share: pages of statuses of every shape, delivered notifications, and
counting a request's queries."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from images.factories import ImageFactory
from posts.reposts import repost_create
from posts.services import post_create


def queries_of(client, url: str) -> int:
    """The queries of one request, asked once before so that renderings are cached and the reader's
    activity noted: what every later page of the same shape costs."""
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def posts_of_every_shape(author, other, count: int, *, tag: str = "shapes") -> list:
    """`count` of each: a post with a picture, a repost by `author` of `other`'s post, a quote by
    `author`, a reply by `author` mentioning `other`; all public and tagged."""
    made = []
    for number in range(count):
        image = ImageFactory(uploader=author)
        made.append(post_create(author=author, body=f"picture {number} #{tag}", image_ids=[image.pk]))
        original = post_create(author=other, body=f"original {number} #{tag}")
        repost_create(user=author, post=original)
        made.append(original)
        made.append(post_create(author=author, body=f"quote {number} #{tag}", quoted_post=original))
        made.append(post_create(author=author, body=f"@{other.username} reply {number} #{tag}", in_reply_to=made[0]))
    return made
