"""Mastodon's StatusEdit (https://docs.joinmastodon.org/entities/StatusEdit/): a status's versions,
oldest first, the current one last, as Mastodon lists a history; a status never edited has one.

The earlier versions are posts.edits' PostEdit rows, their text rendered by Threadly's own
PostEditSerializer (mentions linked by the same rule); the current one is the Status itself.
"""

from mastodon_api.entities import iso
from mastodon_api.entities.media import media_attachments_by_id
from mastodon_api.entities.statuses import content_html
from posts.api.serializers import PostEditSerializer
from posts.edits import history_mark_linked_mentions
from posts.models import Post


def status_edits(request, *, post: Post, status: dict, versions) -> list[dict]:
    """The history of `post` (its Status `status`, as the viewer sees it), from its PostEdit `versions`."""
    versions = sorted(versions, key=lambda version: version.pk)
    history_mark_linked_mentions(post=post, versions=versions)
    texts = PostEditSerializer(versions, many=True, context={"request": request}).data
    media = media_attachments_by_id(request, {pk for version in versions for pk in version.image_ids})
    edits = [
        {
            "content": content_html(text["html"]),
            "spoiler_text": version.content_warning,
            "sensitive": bool(version.content_warning),
            "created_at": iso(version.written_at),
            "account": status["account"],
            "poll": None,
            "media_attachments": [media[pk] for pk in version.image_ids if pk in media],
            "emojis": [],
        }
        for version, text in zip(versions, texts, strict=True)
    ]
    current = {
        "content": status["content"],
        "spoiler_text": status["spoiler_text"],
        "sensitive": status["sensitive"],
        "created_at": status["edited_at"] or status["created_at"],
        "account": status["account"],
        "poll": None,
        "media_attachments": status["media_attachments"],
        "emojis": [],
    }
    return [*edits, current]
