from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from posts import policy, services, threads
from posts.api.serializers import (
    CommentSerializer,
    CommentWriteSerializer,
    LikeStateSerializer,
    PostSerializer,
    PostWriteSerializer,
    ThreadSerializer,
)
from posts.mentions import mark_linked_mentions, mark_linked_mentions_in_comments
from posts.models import Post
from social.selectors import person_for_viewer
from threadly.api.errors import validated_data
from threadly.api.idempotency import idempotent
from threadly.api.pagination import INVALID_CURSOR, OldestFirstPagination
from threadly.pagination import BrokenCursor


class WithRepliesSerializer(serializers.Serializer):
    with_replies = serializers.BooleanField(default=False)


class ThreadCursorSerializer(serializers.Serializer):
    after = serializers.IntegerField(min_value=1, max_value=10**18 - 1, required=False)


def created(request, body: dict, *, location: str) -> Response:
    return Response(body, status=status.HTTP_201_CREATED, headers={"Location": request.build_absolute_uri(location)})


class PostListBase(generics.ListAPIView):
    """A page of posts, each with `liked_by_me`, in a fixed number of queries."""

    serializer_class = PostSerializer

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        policy.mark_posts(viewer=request.user, posts=page)
        mark_linked_mentions(page)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


@extend_schema(tags=["posts"])
class PostListView(PostListBase):
    throttle_scopes = {"POST": "post"}

    def get_queryset(self):
        return policy.home_posts(self.request.user)

    @extend_schema(summary="Your home feed (people you follow and you); the public feed when anonymous")
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(request=PostWriteSerializer, responses={201: PostSerializer}, summary="Publish a post or a reply")
    @idempotent
    def post(self, request):
        data = validated_data(PostWriteSerializer(data=request.data))
        parent = None
        if "in_reply_to" in data:
            parent = policy.post_for_viewer(post_id=data["in_reply_to"], viewer=request.user)
        post = services.post_create(
            author=request.user,
            body=data["body"],
            visibility=data.get("visibility", parent.visibility if parent else Post.Visibility.PUBLIC),
            reply_policy=data["reply_policy"],
            in_reply_to=parent,
        )
        policy.mark_posts(viewer=request.user, posts=[post])
        body = PostSerializer(post, context={"request": request}).data
        return created(request, body, location=reverse("api:post-detail", kwargs={"post_id": post.pk}))


@extend_schema(tags=["posts"], summary="Every public post, newest first")
class PublicPostListView(PostListBase):
    def get_queryset(self):
        return policy.explore_posts(self.request.user)


@extend_schema(
    tags=["users"],
    summary="A person's posts, as their profile page shows them to you",
    parameters=[
        OpenApiParameter("with_replies", bool, description="Their replies too (the profile's 'Posts and replies' tab).")
    ],
)
class UserPostListView(PostListBase):
    def get_queryset(self):
        author = person_for_viewer(username=self.kwargs["username"], viewer=self.request.user)
        with_replies = validated_data(WithRepliesSerializer(data=self.request.query_params))["with_replies"]
        return policy.profile_posts(viewer=self.request.user, author=author, with_replies=with_replies)


@extend_schema(tags=["posts"])
class PostDetailView(APIView):
    def get_post(self):
        post = policy.post_for_viewer(post_id=self.kwargs["post_id"], viewer=self.request.user)
        return policy.mark_posts(viewer=self.request.user, posts=[post])[0]

    def respond(self, post):
        return Response(PostSerializer(post, context={"request": self.request}).data)

    @extend_schema(responses=PostSerializer, summary="A post")
    def get(self, request, post_id: int):
        return self.respond(self.get_post())

    @extend_schema(request=PostWriteSerializer, responses=PostSerializer, summary="Edit your post")
    def patch(self, request, post_id: int):
        post = self.get_post()
        if not policy.may_edit_post(viewer=request.user, post=post):
            raise PermissionDenied("Only the author can edit a post.")
        data = validated_data(PostWriteSerializer(data=request.data, partial=True))
        if "in_reply_to" in data:
            raise ValidationError({"in_reply_to": ["A post's place in a conversation cannot change."]})
        services.post_update(
            post=post,
            editor=request.user,
            body=data.get("body", post.body),
            visibility=data.get("visibility", post.visibility),
            reply_policy=data.get("reply_policy"),
        )
        return self.respond(policy.mark_posts(viewer=request.user, posts=[post])[0])

    @extend_schema(responses={204: None}, summary="Delete a post (its author, or a moderator)")
    def delete(self, request, post_id: int):
        services.post_delete(post=self.get_post(), actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema(tags=["posts"])
class PostThreadView(APIView):
    """The thread page's conversation, by the same selector (posts.threads), in a fixed number of queries."""

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "after", int, description="The `next` link's cursor: the id of the last reply of the previous page."
            )
        ],
        responses={200: ThreadSerializer, 400: OpenApiResponse(description="A cursor that is not a reply here.")},
        summary="A post's conversation: the posts above it and a page of its replies as a tree",
    )
    def get(self, request, post_id: int):
        post = policy.post_for_viewer(post_id=post_id, viewer=request.user)
        after = validated_data(ThreadCursorSerializer(data=request.query_params)).get("after")
        try:
            thread = threads.thread_for(viewer=request.user, post=post, after=after, size=settings.PAGE_SIZE)
        except BrokenCursor as error:
            raise ValidationError({"after": [INVALID_CURSOR]}) from error
        next_url = None
        if thread.next_cursor:
            path = reverse("api:post-thread", kwargs={"post_id": post.pk})
            next_url = request.build_absolute_uri(f"{path}?after={thread.next_cursor}")
        body = {
            "ancestors": [ancestor for ancestor in thread.ancestors if ancestor is not None],
            "ancestors_hidden": None in thread.ancestors,
            "post": post,
            "replies": thread.replies,
            "next": next_url,
        }
        return Response(ThreadSerializer(body, context={"request": request}).data)


@extend_schema(tags=["posts"])
class PostLikeView(APIView):
    """Liking is idempotent: a second like changes nothing and answers with the same state."""

    def respond(self, post, *, liked: bool, status_code: int = status.HTTP_200_OK) -> Response:
        return Response(LikeStateSerializer({"liked": liked, "like_count": post.like_count}).data, status=status_code)

    @extend_schema(
        request=None,
        responses={
            201: OpenApiResponse(LikeStateSerializer, description="Liked now."),
            200: OpenApiResponse(LikeStateSerializer, description="Already liked; nothing changed."),
        },
        summary="Like a post",
    )
    @idempotent
    def post(self, request, post_id: int):
        post = policy.post_for_viewer(post_id=post_id, viewer=request.user)
        if services.like_create(user=request.user, post=post):
            response = self.respond(post, liked=True, status_code=status.HTTP_201_CREATED)
            response["Location"] = request.build_absolute_uri(reverse("api:post-detail", kwargs={"post_id": post.pk}))
            return response
        return self.respond(post, liked=True)

    @extend_schema(responses={204: None}, summary="Take your like back (nothing happens if there was none)")
    def delete(self, request, post_id: int):
        post = policy.post_for_viewer(post_id=post_id, viewer=request.user)
        services.like_delete(user=request.user, post=post)
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema(tags=["comments"])
class PostCommentListView(generics.ListAPIView):
    serializer_class = CommentSerializer
    pagination_class = OldestFirstPagination
    throttle_scopes = {"POST": "comment"}

    def get_post(self):
        return policy.post_for_viewer(post_id=self.kwargs["post_id"], viewer=self.request.user)

    def get_queryset(self):
        return policy.replies_of(viewer=self.request.user, post=self.get_post())

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        policy.mark_replies(viewer=request.user, replies=page)
        mark_linked_mentions_in_comments(page)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(summary="Replies to a post, oldest first")
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(request=CommentWriteSerializer, responses={201: CommentSerializer}, summary="Reply to a post")
    @idempotent
    def post(self, request, post_id: int):
        post = self.get_post()
        data = validated_data(CommentWriteSerializer(data=request.data))
        comment = services.comment_create(post=post, author=request.user, body=data["body"])
        policy.mark_replies(viewer=request.user, replies=[comment])
        body = CommentSerializer(comment, context={"request": request}).data
        return created(request, body, location=reverse("api:comment-detail", kwargs={"comment_id": comment.pk}))


@extend_schema(tags=["comments"])
class CommentDetailView(APIView):
    def get_comment(self):
        reply = policy.reply_for_viewer(reply_id=self.kwargs["comment_id"], viewer=self.request.user)
        policy.mark_replies(viewer=self.request.user, replies=[reply])
        return reply

    @extend_schema(responses=CommentSerializer, summary="A reply")
    def get(self, request, comment_id: int):
        return Response(CommentSerializer(self.get_comment(), context={"request": request}).data)

    @extend_schema(responses={204: None}, summary="Delete a reply (its author, or a moderator)")
    def delete(self, request, comment_id: int):
        services.comment_delete(comment=self.get_comment(), actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)
