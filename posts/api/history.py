"""The API's door onto a post's edit history: the versions its edits replaced, newest first."""

from drf_spectacular.utils import extend_schema
from rest_framework import generics

from posts.api.serializers import PostEditSerializer
from posts.edits import history_mark_linked_mentions, post_history


@extend_schema(
    tags=["posts"],
    summary="A post's earlier versions, newest first (what each edit replaced); the post itself is the current one",
)
class PostHistoryView(generics.ListAPIView):
    """Visible to whoever may see the post (posts.policy), 404 to anyone else, as the post itself."""

    serializer_class = PostEditSerializer

    def get_queryset(self):
        self.post, versions = post_history(viewer=self.request.user, post_id=self.kwargs["post_id"])
        return versions

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        history_mark_linked_mentions(post=self.post, versions=page)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)
