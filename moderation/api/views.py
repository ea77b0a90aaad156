from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from moderation import services
from moderation.api.serializers import ReportCreateSerializer, ReportSerializer
from posts.policy import post_for_viewer
from social.selectors import person_for_viewer
from threadly.api.errors import validated_data
from threadly.api.idempotency import idempotent


@extend_schema(tags=["safety"])
class ReportCreateView(APIView):
    throttle_scopes = {"POST": "report"}

    @extend_schema(
        request=ReportCreateSerializer,
        responses={201: ReportSerializer},
        summary="Report a post, a reply or a person to the moderators",
    )
    @idempotent
    def post(self, request):
        data = validated_data(ReportCreateSerializer(data=request.data))
        if "post" in data:
            target = post_for_viewer(post_id=data["post"], viewer=request.user)
        else:
            target = person_for_viewer(username=data["username"], viewer=request.user)
        report = services.report_create(reporter=request.user, target=target, reason=data["reason"], text=data["text"])
        return Response(ReportSerializer(report).data, status=status.HTTP_201_CREATED)
