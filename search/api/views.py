from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import OpenApiParameter, PolymorphicProxySerializer, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.api.serializers import UserSerializer
from posts import policy
from posts.api.views import PostListBase
from search import selectors
from search.api.serializers import PostResultSerializer, TagResultSerializer
from search.query import clean_query
from threadly.api.pagination import MAX_PAGE_SIZE, NewestFirstPagination

RESULTS = PolymorphicProxySerializer(
    component_name="SearchResult",
    serializers=[PostResultSerializer, UserSerializer, TagResultSerializer],
    resource_type_field_name=None,
    many=True,
)
SEARCH_PAGE = inline_serializer(
    "SearchPage",
    {
        "next": serializers.URLField(allow_null=True),
        "previous": serializers.URLField(allow_null=True, help_text="Always null: results are read forwards."),
        "results": RESULTS,
    },
)


MAX_QUERY = settings.SEARCH_QUERY_MAX_LENGTH
KINDS = ["posts", "users", "tags"]


def _page_size(request) -> int:
    return NewestFirstPagination().get_page_size(request)


@extend_schema(tags=["search"])
class SearchView(APIView):
    @extend_schema(
        summary="Search posts, people or tags",
        description=(
            'Posts: web-search syntax (`"exact phrase"`, `-exclude`, `or`), English stemming, best match first '
            "with a boost for recent posts, matching words highlighted. Users: by username or display name, "
            "people you follow first. Tags: by prefix, the most used first."
        ),
        parameters=[
            OpenApiParameter("q", str, required=True, description=f"At most {MAX_QUERY} characters."),
            OpenApiParameter("type", str, enum=KINDS, description="Posts by default."),
            OpenApiParameter("cursor", str, description="From the `next` link of the previous page."),
            OpenApiParameter("page_size", int, description=f"1 to {MAX_PAGE_SIZE}."),
        ],
        responses=SEARCH_PAGE,
    )
    def get(self, request):
        kind = request.query_params.get("type", "posts")
        if kind not in KINDS:
            raise ValidationError({"type": [f"One of: {', '.join(KINDS)}."]})
        try:
            text = clean_query(request.query_params.get("q"))
        except DjangoValidationError as error:
            raise ValidationError({"q": error.messages}) from error
        if not text:
            raise ValidationError({"q": ["Type something to search for."]})
        size, cursor = _page_size(request), request.query_params.get("cursor") or None
        try:
            page, serializer = self._search(request, kind, text, cursor, size)
        except DjangoValidationError as error:
            raise ValidationError({"cursor": error.messages}) from error
        next_url = None
        if page.next_cursor:
            query = {"q": text, "type": kind, "cursor": page.next_cursor, "page_size": size}
            next_url = request.build_absolute_uri(f"{request.path}?{urlencode(query)}")
        followed = {item.pk for item in page.items if getattr(item, "is_followed", False)}
        context = {"request": request, "followed_ids": followed}
        results = serializer(page.items, many=True, context=context).data
        return Response({"next": next_url, "previous": None, "results": results})

    def _search(self, request, kind: str, text: str, cursor: str | None, size: int):
        if kind == "users":
            return selectors.search_people(text=text, viewer=request.user, cursor=cursor, size=size), UserSerializer
        if kind == "tags":
            return selectors.search_tags(text=text, cursor=cursor, size=size), TagResultSerializer
        page = selectors.search_posts(text=text, viewer=request.user, cursor=cursor, size=size)
        policy.mark_posts(viewer=request.user, posts=page.items)
        return page, PostResultSerializer


@extend_schema(tags=["search"], summary="Posts carrying a tag, newest first, as the tag's page shows them to you")
class TagPostListView(PostListBase):
    def get_queryset(self):
        return policy.tag_posts(viewer=self.request.user, tag=self.kwargs["tag"])
