"""Content warnings and edit history: the warning's cleaning, the versions an edit keeps, and their reading.

posts.services.post_update takes version_of the post under its lock, before changing it; the history page and
`GET /api/threadly/v1/posts/<id>/history` read post_history, which asks posts.policy whether the viewer may
see the post, as every other door does.
"""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.db.models.functions import Lower

from accounts.models import User
from posts import attachments, policy
from posts.models import CONTENT_WARNING_MAX_LENGTH, Post, PostEdit
from posts.text import extract_mentions
from social.models import Block
from threadly.text import single_line_text


def content_warning_clean(text: str | None) -> str:
    """One line, trimmed, without control characters; blank means no warning."""
    text = single_line_text(text or "").strip()
    if len(text) > CONTENT_WARNING_MAX_LENGTH:
        raise ValidationError(
            f"A content warning is at most {CONTENT_WARNING_MAX_LENGTH} characters (this one has {len(text)}).",
            code="too_long",
        )
    return text


def version_of(*, post: Post) -> PostEdit:
    """`post` as it is now, as an unsaved version: built under the edit's lock before anything changes
    (its images included), saved only when the edit turns out to change what the post says."""
    return PostEdit(
        post=post,
        body=post.body,
        content_warning=post.content_warning,
        visibility=post.visibility,
        image_ids=attachments.post_image_ids(post),
        written_at=post.edited_at or post.created_at,
    )


def post_history(*, viewer: policy.Viewer, post_id: int) -> tuple[Post, QuerySet]:
    """The post (a repost row's original) and its earlier versions, for whoever may see it (404 otherwise)."""
    post = policy.original_of(policy.post_for_viewer(post_id=post_id, viewer=viewer))
    return post, PostEdit.objects.filter(post=post)


def history_mark_linked_mentions(*, post: Post, versions: Iterable[PostEdit]) -> None:
    """Set `linked_mentions` on each version, in one query for all: the @names that are people who are
    active and not blocked either way with the author, the rule a post's own mentions were recorded by."""
    versions = list(versions)
    names = {name for version in versions for name in extract_mentions(version.body)}
    linked = set()
    if names:
        blocks = Block.objects.filter(Q(blocker=post.author_id) | Q(blocked=post.author_id))
        people = (
            User.objects.annotate(lower_name=Lower("username"))
            .filter(lower_name__in=names, is_active=True)
            .exclude(pk__in=blocks.values("blocked_id"))
            .exclude(pk__in=blocks.values("blocker_id"))
        )
        linked = {name.lower() for name in people.values_list("username", flat=True)}
    for version in versions:
        version.linked_mentions = linked & set(extract_mentions(version.body))
