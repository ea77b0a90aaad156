from contextlib import contextmanager

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpResponsePermanentRedirect
from django.urls import reverse
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, generics, serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from posts import policy, services, threads
from posts.api.pages import HydratedPagination
from posts.api.serializers import (
    LikeStateSerializer,
    PostSerializer,
    PostUpdateSerializer,
    PostWriteSerializer,
    ThreadSerializer,
)
from posts.api.toggles import toggled_off, toggled_on
from posts.attachments import is_about_images
from posts.hydration import hydrate, hydrator
from posts.mentions import mark_linked_mentions
from posts.models import Post
from posts.selectors import moved_comment_post_id
from social.selectors import profile_for_viewer
from threadly.api.errors import validated_data
from threadly.api.idempotency import idempotent
from threadly.api.pagination import INVALID_CURSOR, OldestFirstPagination
from threadly.pagination import BrokenCursor
from timelines.reads import home_page


class WithRepliesSerializer(serializers.Serializer):
    with_replies = serializers.BooleanField(default=False)
    media = serializers.BooleanField(default=False)


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


class HydratedPostListBase(PostListBase):
    """A newest-first list whose pages are hydrated (posts.hydration): the same JSON as PostSerializer's,
    in one query for the page, one Redis MGET and, only when the page has them, one for quote cards
    and one for renderings not cached yet."""

    pagination_class = HydratedPagination

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.listed_posts)
        if self.paginator.hydrated:
            return self.get_paginated_response([post.data for post in page])
        policy.mark_posts(viewer=request.user, posts=page)
        mark_linked_mentions(page)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def listed_posts(self) -> QuerySet:
        """get_queryset's list, built once and only when a page reads it."""
        if not hasattr(self, "_listed_posts"):
            self._listed_posts = self.get_queryset()
        return self._listed_posts

    def page_of(self, before: int | None, size: int) -> tuple[list, int | None]:
        """A page of `size` items older than `before`, and the cursor of the next (None on the last)."""
        posts = self.listed_posts()
        if before is not None:
            posts = posts.filter(id__lt=before)
        items = hydrate(self.request, posts.order_by("-id"), limit=size + 1, api=True)
        return items[:size], (items[size - 1].pk if len(items) > size else None)


@extend_schema(tags=["posts"])
class PostListView(HydratedPostListBase):
    throttle_scopes = {"POST": "post"}

    def get_queryset(self):
        return policy.home_posts(self.request.user)

    def page_of(self, before: int | None, size: int) -> tuple[list, int | None]:
        """A signed-in reader's pages come from their home feed (timelines), a visitor's are Explore's."""
        if not self.request.user.is_authenticated:
            return super().page_of(before, size)
        page = home_page(self.request.user, before=before, size=size, hydrate=hydrator(self.request, api=True))
        return page.items, page.next_cursor

    @extend_schema(summary="Your home feed (people you follow and you); the public feed when anonymous")
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(request=PostWriteSerializer, responses={201: PostSerializer}, summary="Publish a post or a reply")
    @idempotent
    def post(self, request):
        data = validated_data(PostWriteSerializer(data=request.data))
        parent = post_named_in(request, data, "in_reply_to")
        with service_errors_on_fields():
            post = services.post_create(
                author=request.user,
                body=data["body"],
                visibility=data.get("visibility", parent.visibility if parent else Post.Visibility.PUBLIC),
                reply_policy=data["reply_policy"],
                in_reply_to=parent,
                quoted_post=post_named_in(request, data, "quoted_post"),
                quote_policy=data.get("quote_policy"),
                image_ids=data["image_ids"],
                content_warning=data.get("content_warning", ""),
            )
        policy.mark_posts(viewer=request.user, posts=[post])
        body = PostSerializer(post, context={"request": request}).data
        return created(request, body, location=reverse("api:post-detail", kwargs={"post_id": post.pk}))


@contextmanager
def service_errors_on_fields():
    """A post's words or images refused by the service, as an error on the field that sent them."""
    try:
        yield
    except DjangoValidationError as error:
        field = "image_ids" if is_about_images(error) else "body"
        raise exceptions.ValidationError({field: error.messages}) from error


def post_named_in(request, data: dict, field: str):
    """The post a new post replies to or quotes (`field`): a field error when the viewer cannot see
    it, like any bad value."""
    if (post_id := data.get(field)) is None:
        return None
    try:
        return policy.post_for_viewer(post_id=post_id, viewer=request.user)
    except Http404 as error:
        raise exceptions.ValidationError({field: ["No such post."]}) from error


@extend_schema(tags=["posts"], summary="Every public post, newest first")
class PublicPostListView(HydratedPostListBase):
    def get_queryset(self):
        return policy.explore_posts(self.request.user)


@extend_schema(
    tags=["users"],
    summary="A person's posts, as their profile page shows them to you",
    parameters=[
        OpenApiParameter(
            "with_replies", bool, description="Their replies too (the profile's 'Posts and replies' tab)."
        ),
        OpenApiParameter("media", bool, description="Only their posts and replies with images (the 'Media' tab)."),
    ],
)
class UserPostListView(HydratedPostListBase):
    def get_queryset(self):
        author, relationship, _ = profile_for_viewer(username=self.kwargs["username"], viewer=self.request.user)
        if relationship.blocked_by_them:
            raise Http404("No such user.")
        tab = validated_data(WithRepliesSerializer(data=self.request.query_params))
        if tab["media"]:
            return policy.profile_media_posts(viewer=self.request.user, author=author)
        return policy.profile_posts(viewer=self.request.user, author=author, with_replies=tab["with_replies"])


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

    @extend_schema(request=PostUpdateSerializer, responses=PostSerializer, summary="Edit your post")
    def patch(self, request, post_id: int):
        post = self.get_post()
        if not policy.may_edit_post(viewer=request.user, post=post):
            raise PermissionDenied("Only the author can edit a post.")
        data = validated_data(PostUpdateSerializer(data=request.data))
        with service_errors_on_fields():
            services.post_update(
                post=post,
                editor=request.user,
                body=data.get("body", post.body),
                visibility=data.get("visibility", post.visibility),
                quote_policy=data.get("quote_policy"),
                reply_policy=data.get("reply_policy"),
                image_ids=data.get("image_ids"),
                content_warning=data.get("content_warning"),
            )
        return self.respond(self.get_post())

    @extend_schema(responses={204: None}, summary="Delete a post (its author, or a moderator)")
    def delete(self, request, post_id: int):
        services.post_delete(post=self.get_post(), actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema(tags=["posts"])
class PostThreadView(APIView):
    """The thread page's conversation, by the same selector (posts.threads), in a fixed number of queries;
    a repost row's is its original's, as its page is."""

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
        post = policy.original_of(policy.post_for_viewer(post_id=post_id, viewer=request.user))
        after = validated_data(ThreadCursorSerializer(data=request.query_params)).get("after")
        try:
            thread = threads.thread_for(viewer=request.user, post=post, after=after, size=settings.PAGE_SIZE)
        except BrokenCursor as error:
            raise exceptions.ValidationError({"after": [INVALID_CURSOR]}) from error
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
        def state(post) -> dict:
            return LikeStateSerializer({"liked": True, "like_count": post.like_count}).data

        return toggled_on(request, post_id, act=services.like_create, state=state)

    @extend_schema(responses={204: None}, summary="Take your like back (nothing happens if there was none)")
    def delete(self, request, post_id: int):
        return toggled_off(request, post_id, act=services.like_delete)


@extend_schema(tags=["posts"])
class PostReplyListView(PostListBase):
    """The direct replies of a post, oldest first; reply with `POST /posts` and `in_reply_to`."""

    pagination_class = OldestFirstPagination

    def get_queryset(self):
        post = policy.original_of(policy.post_for_viewer(post_id=self.kwargs["post_id"], viewer=self.request.user))
        return policy.replies_of(viewer=self.request.user, post=post)

    @extend_schema(summary="Replies to a post, oldest first")
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


@extend_schema(tags=["posts"], summary="Where a comment from before replies were posts went", responses={301: None})
class MovedCommentView(APIView):
    def get(self, request, comment_id: int):
        location = reverse("api:post-detail", kwargs={"post_id": moved_comment_post_id(comment_id)})
        return HttpResponsePermanentRedirect(request.build_absolute_uri(location))
