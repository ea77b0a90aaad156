"""Bookmarks in the API: the viewer's own list, and the toggle on a post. Nobody else's are reachable."""

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.views import APIView

from posts import bookmarks, policy
from posts.api.serializers import PostSerializer
from posts.api.toggles import toggled_off, toggled_on
from posts.mentions import mark_linked_mentions
from threadly.api.idempotency import idempotent


class BookmarkStateSerializer(serializers.Serializer):
    bookmarked = serializers.BooleanField()


@extend_schema(tags=["bookmarks"])
class BookmarkListView(generics.ListAPIView):
    """The same selector and policy as the /bookmarks/ page; the cursor walks the bookmarks, not the posts."""

    serializer_class = PostSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        return policy.bookmarked_posts(self.request.user)

    def list(self, request, *args, **kwargs):
        posts = [bookmark.post for bookmark in self.paginate_queryset(self.get_queryset())]
        policy.mark_posts(viewer=request.user, posts=posts)
        mark_linked_mentions(posts)
        return self.get_paginated_response(self.get_serializer(posts, many=True).data)

    @extend_schema(summary="Your bookmarked posts, newest bookmark first (posts you can no longer see are left out)")
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


@extend_schema(tags=["bookmarks"])
class PostBookmarkView(APIView):
    """Bookmarking is idempotent: a second bookmark changes nothing and answers 200. A repost's id keeps
    the reposted post."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=None,
        responses={
            201: OpenApiResponse(BookmarkStateSerializer, description="Bookmarked now."),
            200: OpenApiResponse(BookmarkStateSerializer, description="Already bookmarked; nothing changed."),
        },
        summary="Bookmark a post (private: nobody is told)",
    )
    @idempotent
    def post(self, request, post_id: int):
        def state(post) -> dict:
            return BookmarkStateSerializer({"bookmarked": True}).data

        return toggled_on(request, post_id, act=bookmarks.bookmark_create, state=state)

    @extend_schema(responses={204: None}, summary="Remove your bookmark (nothing happens if there was none)")
    def delete(self, request, post_id: int):
        return toggled_off(request, post_id, act=bookmarks.bookmark_delete)
