"""Statuses: create, read (one or several), edit, delete, and a status's context, history and
source. Each goes through the same services and visibility policy as Threadly's own API
(posts/api/views.py): post_create, post_update, post_delete, post_for_viewer, the thread's skeleton."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from rest_framework.response import Response

from mastodon_api import params
from mastodon_api.base import MastodonView
from mastodon_api.entities.status_edits import status_edits
from mastodon_api.statuses import writing
from mastodon_api.statuses.common import READ_WRITE, post_seen, status_now, statuses_in_order
from posts import policy, services, threads
from posts.edits import post_history
from posts.models import Post
from threadly.api.idempotency import idempotent

# Mastodon gives a context's descendants up to this many; the skeleton is one query whatever the size.
CONTEXT_LIMIT = 4096
MANY_LIMIT = 40
REPLY_NOT_FOUND = "The post you are trying to reply to does not appear to exist."
QUOTE_NOT_FOUND = "The post you are trying to quote does not appear to exist."


class StatusesView(MastodonView):
    """POST publishes (as PostListView.post does); GET reads several by `id[]`, those the viewer sees."""

    required_scopes = READ_WRITE
    person_required = ("POST",)
    throttle_scopes = {"POST": "post"}

    def get(self, request):
        wanted = [params.identifier(pk) for pk in params.values(request, "id")[:MANY_LIMIT]]
        seen = Post.objects.filter(policy.seeable_posts_q(request.user), pk__in=wanted)
        seen_ids = set(seen.values_list("pk", flat=True))
        return Response(statuses_in_order(request, [pk for pk in dict.fromkeys(wanted) if pk in seen_ids]))

    @idempotent
    def post(self, request):
        writing.refuse_unsupported(request)
        parent = writing.named_post(request, ("in_reply_to_id",), REPLY_NOT_FOUND)
        quoted = writing.named_post(request, ("quoted_status_id", "quote_id"), QUOTE_NOT_FOUND)
        post = services.post_create(
            author=request.user,
            body=str(params.value(request, "status", "") or ""),
            visibility=writing.visibility(request, parent.visibility if parent else Post.Visibility.PUBLIC),
            in_reply_to=parent,
            quoted_post=quoted,
            quote_policy=writing.quote_policy(request),
            image_ids=writing.media_ids(request) or [],
            content_warning=writing.content_warning(request, default=""),
        )
        return Response(status_now(request, post))


class StatusView(MastodonView):
    required_scopes = READ_WRITE
    person_required = ("PUT", "DELETE")

    def get(self, request, status_id: str):
        return Response(status_now(request, post_seen(request, status_id)))

    @transaction.atomic
    def put(self, request, status_id: str):
        """An edit of one's own post (posts.services.post_update); its visibility stays, as in Mastodon."""
        post = post_seen(request, status_id)
        if not policy.may_edit_post(viewer=request.user, post=post):
            raise PermissionDenied("Only the author can edit a post.")
        writing.descriptions_set(request, writing.media_descriptions(request))
        services.post_update(
            post=post,
            editor=request.user,
            body=str(params.value(request, "status", post.body) or ""),
            visibility=post.visibility,
            image_ids=writing.media_ids(request),
            content_warning=writing.content_warning(request, default=None),
        )
        return Response(status_now(request, post))

    def delete(self, request, status_id: str):
        """The deleted status, with `text` its source, for the apps' "delete and redraft"."""
        post = post_seen(request, status_id)
        deleted = status_now(request, post)
        deleted["text"] = post.body
        services.post_delete(post=post, actor=request.user)
        return Response(deleted)


class StatusContextView(MastodonView):
    """Ancestors (oldest first) and descendants (in the thread's reading order) that the viewer sees,
    by the thread page's own reading (posts.threads over posts.policy.conversation_rows)."""

    required_scopes = READ_WRITE
    person_required = False

    def get(self, request, status_id: str):
        post = policy.original_of(post_seen(request, status_id))
        above, below = threads.thread_post_ids(viewer=request.user, post=post, size=CONTEXT_LIMIT)
        shown = statuses_in_order(request, [*above, *below])
        ancestors = [status for status in shown if int(status["id"]) in set(above)]
        descendants = [status for status in shown if int(status["id"]) not in set(above)]
        return Response({"ancestors": ancestors, "descendants": descendants})


class StatusHistoryView(MastodonView):
    required_scopes = READ_WRITE
    person_required = False

    def get(self, request, status_id: str):
        post, versions = post_history(viewer=request.user, post_id=params.identifier(status_id))
        return Response(status_edits(request, post=post, status=status_now(request, post), versions=versions))


class StatusSourceView(MastodonView):
    required_scopes = READ_WRITE
    person_required = False

    def get(self, request, status_id: str):
        post = policy.original_of(post_seen(request, status_id))
        return Response({"id": str(post.pk), "text": post.body, "spoiler_text": post.content_warning})
