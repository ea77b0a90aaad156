from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from notifications import selectors, services
from notifications.api.serializers import (
    MarkedReadSerializer,
    MarkReadSerializer,
    NotificationSerializer,
    UnreadCountSerializer,
)
from threadly.api.errors import validated_data


@extend_schema(tags=["notifications"])
class NotificationListView(generics.ListAPIView):
    serializer_class = NotificationSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        notifications = selectors.notifications_for(self.request.user)
        unread = self.request.query_params.get("unread")
        if unread not in (None, "true", "false"):
            raise ValidationError({"unread": ['"true" or "false".']})
        return notifications.filter(read_at=None) if unread == "true" else notifications

    @extend_schema(
        summary="Your notifications, newest first",
        parameters=[OpenApiParameter("unread", bool, description="true: only the unread ones.")],
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


@extend_schema(tags=["notifications"])
class MarkReadView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=MarkReadSerializer, responses=MarkedReadSerializer, summary="Mark notifications read")
    def post(self, request):
        data = validated_data(MarkReadSerializer(data=request.data))
        changed = services.notifications_mark_read(user=request.user, ids=data.get("ids"))
        return Response({"marked_read": changed, "unread_count": selectors.unread_count(request.user)})


@extend_schema(tags=["notifications"])
class UnreadCountView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses=UnreadCountSerializer, summary="How many notifications you have not read")
    def get(self, request):
        return Response({"unread_count": selectors.unread_count(request.user)})
