"""Media uploads: Mastodon's v2 (asynchronous: 202 while processing) and v1 (200) uploads, an
upload's state, and its description. All through images.services, as Threadly's own image API:
the upload is judged by its bytes there, processed on the media queue, described by its uploader."""

from django.core.exceptions import ValidationError
from django.http import Http404
from rest_framework import status
from rest_framework.response import Response

from images import services
from images.models import Image
from mastodon_api import params
from mastodon_api.base import MastodonView
from mastodon_api.entities.media import media_attachment_of
from mastodon_api.errors import Unprocessable
from threadly.api.errors import PayloadTooLarge

SCOPES = {"GET": "write:media", "POST": "write:media", "PUT": "write:media"}


def own_image(request, media_id: str) -> Image:
    """The viewer's own upload: anyone else's is a 404, as Mastodon answers."""
    image = Image.objects.filter(pk=params.identifier(media_id), uploader=request.user).first()
    if image is None:
        raise Http404("No such media.")
    return image


def answer(request, image: Image, *, processing: int) -> Response:
    """The attachment: `processing` (202 or 206) while its url is null, 200 once ready, 422 if it failed."""
    if image.state == Image.State.FAILED:
        raise Unprocessable(image.failure or "The picture could not be processed")
    code = status.HTTP_200_OK if image.is_ready else processing
    return Response(media_attachment_of(request, image), status=code)


class MediaUploadView(MastodonView):
    """POST /api/v2/media (202 until processed) and, with `synchronous`, /api/v1/media (200)."""

    required_scopes = SCOPES
    throttle_scopes = {"POST": "upload"}
    synchronous = False

    def post(self, request):
        upload = request.data.get("file")
        if not hasattr(upload, "chunks"):
            raise Unprocessable("Validation failed: File is missing")
        try:
            image = services.image_upload(
                uploader=request.user,
                upload=upload,
                purpose=Image.Purpose.POST,
                alt_text=str(params.value(request, "description", "") or ""),
            )
        except ValidationError as error:
            message = " ".join(error.messages)
            if error.code == "too_large":
                raise PayloadTooLarge(message) from error
            raise Unprocessable(f"Validation failed: {message}") from error
        image.refresh_from_db()
        if self.synchronous:
            return Response(media_attachment_of(request, image))
        return answer(request, image, processing=status.HTTP_202_ACCEPTED)


class MediaUploadV1View(MediaUploadView):
    synchronous = True


class MediaView(MastodonView):
    required_scopes = SCOPES

    def get(self, request, media_id: str):
        return answer(request, own_image(request, media_id), processing=status.HTTP_206_PARTIAL_CONTENT)

    def put(self, request, media_id: str):
        """The description is the picture's alt text (images.services re-renders the posts showing it)."""
        image = own_image(request, media_id)
        description = params.value(request, "description")
        if description is not None:
            image = services.image_alt_text_set(image=image, editor=request.user, alt_text=str(description))
        return answer(request, image, processing=status.HTTP_206_PARTIAL_CONTENT)
