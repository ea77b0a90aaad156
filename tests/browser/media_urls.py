"""The site's URLs and its media files, served from the MEDIA_ROOT in force at each request: a test's
own folder (SERVE_MEDIA's route in threadly.urls binds the folder when the URLs are first loaded)."""

from django.conf import settings
from django.urls import re_path
from django.views.static import serve

from threadly.urls import urlpatterns as site_urlpatterns


def media(request, path: str):
    return serve(request, path, document_root=settings.MEDIA_ROOT)


urlpatterns = [*site_urlpatterns, re_path(r"^media/(?P<path>.*)$", media)]
