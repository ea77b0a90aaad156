from django.core.exceptions import ValidationError
from django.urls import reverse
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, status
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from images import selectors, services
from images.api.serializers import ImageAltTextSerializer, ImageSerializer, ImageUploadSerializer
from threadly.api.errors import PayloadTooLarge, validated_data
from threadly.api.idempotency import idempotent


class UnsupportedImage(exceptions.APIException):
    status_code = status.HTTP_415_UNSUPPORTED_MEDIA_TYPE
    default_detail = "Upload a JPEG, PNG, WebP or GIF image."
    default_code = "unsupported_image"


def upload_refusal(error: ValidationError) -> exceptions.APIException:
    """The service's refusal as an API error: too many bytes is a 413, not an image a 415, a bomb or a
    broken file a 400 on the `file` field."""
    message = " ".join(error.messages)
    if error.code == "too_large":
        return PayloadTooLarge(message, code="too_large")
    if error.code == "not_an_image":
        return UnsupportedImage(message)
    return exceptions.ValidationError({"file": [exceptions.ErrorDetail(message, code=error.code)]})


@extend_schema(tags=["images"])
class ImageUploadView(APIView):
    permission_classes = [IsAuthenticated]
    parser_classes = [MultiPartParser]
    throttle_scopes = {"POST": "upload"}

    @extend_schema(
        request={"multipart/form-data": ImageUploadSerializer},
        responses={
            202: OpenApiResponse(ImageSerializer, description="Stored; processing follows (state `processing`)."),
        },
        summary="Upload an image",
        description=(
            "The file is judged by its bytes: a file over IMAGE_MAX_BYTES is a 413, one that is not a JPEG, "
            "PNG, WebP or GIF image a 415, a damaged one or one of too many pixels a 400. Poll "
            "GET /api/threadly/v1/images/{id} until `state` is `ready` (or `failed`, with `failure`)."
        ),
    )
    @idempotent
    def post(self, request):
        data = validated_data(ImageUploadSerializer(data=request.data))
        try:
            image = services.image_upload(
                uploader=request.user, upload=data["file"], purpose=data["purpose"], alt_text=data["alt_text"]
            )
        except ValidationError as error:
            raise upload_refusal(error) from error
        location = request.build_absolute_uri(reverse("api:image-detail", kwargs={"image_id": image.pk}))
        body = ImageSerializer(image, context={"request": request}).data
        return Response(body, status=status.HTTP_202_ACCEPTED, headers={"Location": location})


@extend_schema(tags=["images"])
class ImageDetailView(APIView):
    @extend_schema(responses=ImageSerializer, summary="An image: yours, or one in public use")
    def get(self, request, image_id: int):
        image = selectors.image_for_viewer(image_id=image_id, viewer=request.user)
        return Response(ImageSerializer(image, context={"request": request}).data)

    @extend_schema(request=ImageAltTextSerializer, responses=ImageSerializer, summary="Describe your image")
    def patch(self, request, image_id: int):
        image = selectors.image_for_viewer(image_id=image_id, viewer=request.user)
        data = validated_data(ImageAltTextSerializer(data=request.data))
        image = services.image_alt_text_set(image=image, editor=request.user, alt_text=data["alt_text"])
        return Response(ImageSerializer(image, context={"request": request}).data)
