"""The API's doors onto reposts and quotes: repost and undo, who reposted, the quotes, detaching."""

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics
from rest_framework.response import Response
from rest_framework.views import APIView

from posts import policy, reposts
from posts.api.serializers import PostSerializer, RepostSerializer, RepostStateSerializer
from posts.api.toggles import toggled_off, toggled_on
from posts.api.views import PostListBase
from posts.mentions import mark_linked_mentions
from threadly.api.idempotency import idempotent


@extend_schema(tags=["posts"])
class PostRepostView(APIView):
    """Reposting is idempotent like liking: a second repost changes nothing and answers the same state."""

    @extend_schema(
        request=None,
        responses={
            201: OpenApiResponse(RepostStateSerializer, description="Reposted now."),
            200: OpenApiResponse(RepostStateSerializer, description="Already reposted; nothing changed."),
        },
        summary="Repost a post (a repost's original); public posts only",
    )
    @idempotent
    def post(self, request, post_id: int):
        def state(post) -> dict:
            return RepostStateSerializer({"reposted": True, "repost_count": post.repost_count}).data

        return toggled_on(request, post_id, act=reposts.repost_create, state=state)

    @extend_schema(responses={204: None}, summary="Undo your repost (nothing happens if there was none)")
    def delete(self, request, post_id: int):
        return toggled_off(request, post_id, act=reposts.repost_delete)


@extend_schema(tags=["posts"], summary="Who reposted a post, newest first")
class PostRepostListView(generics.ListAPIView):
    serializer_class = RepostSerializer

    def get_queryset(self):
        post = policy.original_of(policy.post_for_viewer(post_id=self.kwargs["post_id"], viewer=self.request.user))
        return policy.reposts_of(viewer=self.request.user, post=post)


@extend_schema(tags=["posts"], summary="The quotes of a post you may see, newest first")
class PostQuoteListView(PostListBase):
    def get_queryset(self):
        post = policy.original_of(policy.post_for_viewer(post_id=self.kwargs["post_id"], viewer=self.request.user))
        return policy.quotes_of(viewer=self.request.user, post=post)


@extend_schema(tags=["posts"])
class PostDetachView(APIView):
    @extend_schema(
        request=None,
        responses={200: PostSerializer},
        summary="Detach your post from this quote of it (the quote stays, its card says you detached it)",
    )
    def post(self, request, post_id: int):
        quote = policy.post_for_viewer(post_id=post_id, viewer=request.user)
        reposts.quote_detach(user=request.user, quote=quote)
        quote = policy.post_for_viewer(post_id=post_id, viewer=request.user)
        policy.mark_posts(viewer=request.user, posts=[quote])
        mark_linked_mentions([quote])
        return Response(PostSerializer(quote, context={"request": request}).data)
